// W2: JSON and strings — a log/records pipeline: builds records, round-trips
// them through JSON, renders CSV with template literals, splits and counts
// words in a Map, and hashes transformed strings char by char.

const CITIES = ["Oslo", "Lima", "Kyoto", "Accra", "Quito", "Perth", "Turin", "Dakar"];
const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"];

function makeRecord(i) {
  return {
    id: i,
    name: `user_${i}`,
    email: `user${i}@example.com`,
    tags: [WORDS[i % WORDS.length], WORDS[(i * 7) % WORDS.length], "t" + (i % 13)],
    score: ((i * 7919) % 1000) / 10,
    active: i % 3 === 0,
    address: { city: CITIES[i % CITIES.length], zip: String(10000 + ((i * 31) % 90000)) },
  };
}

function toCsv(records) {
  const lines = [];
  for (const r of records) {
    lines.push(`${r.id},${r.name},${r.address.city},${r.tags.join("|")},${r.score.toFixed(1)}`);
  }
  return lines.join("\n");
}

function countTags(csv) {
  const counts = new Map();
  for (const line of csv.split("\n")) {
    const fields = line.split(",");
    for (const tag of fields[3].split("|")) {
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
  }
  return counts;
}

function hashStrings(records) {
  let h = 0;
  for (const r of records) {
    const s = r.email.toUpperCase().replace("@", " at ").padEnd(32, ".");
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return h;
}

/** `n` records through the pipeline; returns a checksum of everything it computed. */
export function bench(n) {
  const records = [];
  for (let i = 0; i < n; i++) records.push(makeRecord(i));
  const text = JSON.stringify(records);
  const parsed = JSON.parse(text);
  const csv = toCsv(parsed);
  const counts = countTags(csv);
  let check = hashStrings(parsed) ^ text.length ^ csv.length;
  for (const [tag, c] of counts) check = (Math.imul(check, 17) + c + tag.length) | 0;
  return check;
}

export const sizes = { full: 30000, quick: 3000 };
