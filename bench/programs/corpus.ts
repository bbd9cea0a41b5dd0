// W6 compile input: one unit of a "large TypeScript input". The runner
// repeats it many times, replacing the placeholder _K_ in top-level names by
// the copy's number, so every copy is distinct code. It is compiled, never run.

export interface Money_K_ {
  readonly amount: number;
  readonly currency: "EUR" | "USD" | "JPY";
}

export type Result_K_<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

export enum AccountKind_K_ {
  Checking = "checking",
  Savings = "savings",
  Credit = "credit",
}

export interface Transaction_K_ {
  id: string;
  from: string;
  to: string;
  money: Money_K_;
  at: Date;
  memo?: string | undefined;
  tags: ReadonlyArray<string>;
}

type Handler_K_<E> = (event: E, index: number) => void | Promise<void>;

const RATES_K_: Record<Money_K_["currency"], number> = { EUR: 1, USD: 0.92, JPY: 0.0061 };

export function convert_K_(money: Money_K_, to: Money_K_["currency"]): Money_K_ {
  const inEur = money.amount * RATES_K_[money.currency];
  return { amount: Math.round((inEur / RATES_K_[to]) * 100) / 100, currency: to };
}

export function ok_K_<T>(value: T): Result_K_<T, never> {
  return { ok: true, value };
}

export function err_K_<E>(error: E): Result_K_<never, E> {
  return { ok: false, error };
}

export class InsufficientFunds_K_ extends Error {
  constructor(
    public readonly account: string,
    public readonly missing: Money_K_,
  ) {
    super(`account ${account} is short of ${missing.amount} ${missing.currency}`);
    this.name = "InsufficientFunds";
  }
}

export abstract class Account_K_ {
  protected balance = 0;
  private readonly history: Transaction_K_[] = [];
  static created = 0;

  constructor(
    public readonly id: string,
    public readonly kind: AccountKind_K_,
    protected readonly currency: Money_K_["currency"] = "EUR",
  ) {
    Account_K_.created++;
  }

  abstract limit(): number;

  get available(): number {
    return this.balance + this.limit();
  }

  deposit(money: Money_K_): void {
    const m = money.currency === this.currency ? money : convert_K_(money, this.currency);
    if (m.amount <= 0) throw new RangeError(`deposit must be positive, got ${m.amount}`);
    this.balance += m.amount;
  }

  withdraw(money: Money_K_): Result_K_<number, InsufficientFunds_K_> {
    const m = money.currency === this.currency ? money : convert_K_(money, this.currency);
    if (m.amount > this.available) {
      return err_K_(new InsufficientFunds_K_(this.id, { amount: m.amount - this.available, currency: this.currency }));
    }
    this.balance -= m.amount;
    return ok_K_(this.balance);
  }

  record(tx: Transaction_K_): void {
    this.history.push(tx);
  }

  *transactions(filter?: (tx: Transaction_K_) => boolean): Generator<Transaction_K_> {
    for (const tx of this.history) {
      if (!filter || filter(tx)) yield tx;
    }
  }

  summary(): { id: string; kind: AccountKind_K_; balance: number; count: number } {
    return { id: this.id, kind: this.kind, balance: this.balance, count: this.history.length };
  }
}

export class Checking_K_ extends Account_K_ {
  constructor(id: string, private overdraft = 500) {
    super(id, AccountKind_K_.Checking);
  }
  override limit(): number {
    return this.overdraft;
  }
}

export class Savings_K_ extends Account_K_ {
  private rate: number;
  constructor(id: string, rate: number) {
    super(id, AccountKind_K_.Savings);
    this.rate = rate;
  }
  override limit(): number {
    return 0;
  }
  accrue(days: number): number {
    const interest = (this.balance * this.rate * days) / 365;
    this.balance += interest;
    return interest;
  }
}

export class Ledger_K_ {
  private accounts = new Map<string, Account_K_>();
  private listeners: Array<Handler_K_<Transaction_K_>> = [];
  private seq = 0;

  open(account: Account_K_): this {
    if (this.accounts.has(account.id)) throw new Error(`account ${account.id} exists`);
    this.accounts.set(account.id, account);
    return this;
  }

  on(handler: Handler_K_<Transaction_K_>): () => void {
    this.listeners.push(handler);
    return () => {
      this.listeners = this.listeners.filter((h) => h !== handler);
    };
  }

  find(id: string): Account_K_ {
    const a = this.accounts.get(id);
    if (a === undefined) throw new Error(`no account ${id}`);
    return a;
  }

  transfer(from: string, to: string, money: Money_K_, memo?: string, ...tags: string[]): Result_K_<Transaction_K_> {
    const source = this.find(from);
    const target = this.find(to);
    const taken = source.withdraw(money);
    if (!taken.ok) return taken;
    try {
      target.deposit(money);
    } catch (e) {
      source.deposit(money);
      return err_K_(e instanceof Error ? e : new Error(String(e)));
    }
    const tx: Transaction_K_ = { id: `tx-${++this.seq}`, from, to, money, at: new Date(0), memo, tags };
    source.record(tx);
    target.record(tx);
    this.listeners.forEach((h, i) => void h(tx, i));
    return ok_K_(tx);
  }

  report(): string {
    const rows = [...this.accounts.values()]
      .map((a) => a.summary())
      .sort((x, y) => y.balance - x.balance || x.id.localeCompare(y.id));
    let out = "";
    for (const { id, kind, balance, count } of rows) {
      out += `${id.padEnd(12)} ${kind.padEnd(9)} ${balance.toFixed(2).padStart(12)} ${count}\n`;
    }
    return out;
  }

  totals(): Record<AccountKind_K_, number> {
    const totals = { [AccountKind_K_.Checking]: 0, [AccountKind_K_.Savings]: 0, [AccountKind_K_.Credit]: 0 };
    for (const account of this.accounts.values()) {
      const s = account.summary();
      totals[s.kind] += s.balance;
    }
    return totals;
  }
}

export function parseAmount_K_(text: string): Result_K_<Money_K_> {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*(EUR|USD|JPY)?\s*$/.exec(text);
  if (!match) return err_K_(new SyntaxError(`not an amount: ${JSON.stringify(text)}`));
  const [, digits, currency = "EUR"] = match;
  return ok_K_({ amount: Number(digits), currency: currency as Money_K_["currency"] });
}

export function classify_K_(tx: Transaction_K_): "small" | "medium" | "large" | "huge" {
  const eur = convert_K_(tx.money, "EUR").amount;
  switch (true) {
    case eur < 10:
      return "small";
    case eur < 1000:
      return "medium";
    case eur < 100000:
      return "large";
    default:
      return "huge";
  }
}

export function groupBy_K_<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) {
      group = [];
      groups.set(k, group);
    }
    group.push(item);
  }
  return groups;
}

export async function replay_K_(ledger: Ledger_K_, lines: AsyncIterable<string> | Iterable<string>): Promise<number> {
  let applied = 0;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [from, to, amountText, ...rest] = line.split(";");
    const amount = parseAmount_K_(amountText ?? "");
    if (!amount.ok) {
      throw new Error(`line ${lineNo}: ${amount.error.message}`);
    }
    const result = ledger.transfer(from!, to!, amount.value, rest[0], ...rest.slice(1));
    if (result.ok) applied++;
  }
  return applied;
}

export function simulate_K_(days: number, seed = 7): { ledger: Ledger_K_; failures: number } {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const ledger = new Ledger_K_();
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const id = `acc-${i}`;
    ids.push(id);
    ledger.open(i % 2 === 0 ? new Checking_K_(id, 100 * i) : new Savings_K_(id, 0.01 * i));
    ledger.find(id).deposit({ amount: 1000 + 250 * i, currency: "EUR" });
  }
  let failures = 0;
  for (let day = 0; day < days; day++) {
    for (let k = 0; k < 5; k++) {
      const from = ids[Math.floor(random() * ids.length)]!;
      const to = ids[Math.floor(random() * ids.length)]!;
      if (from === to) continue;
      const money: Money_K_ = { amount: Math.round(random() * 50000) / 100, currency: random() < 0.8 ? "EUR" : "USD" };
      const r = ledger.transfer(from, to, money, `day ${day}`, classify_K_({ id: "", from, to, money, at: new Date(0), tags: [] }));
      if (!r.ok) failures++;
    }
    for (const id of ids) {
      const account = ledger.find(id);
      if (account instanceof Savings_K_) account.accrue(1);
    }
  }
  return { ledger, failures };
}
