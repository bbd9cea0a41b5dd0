// W2: binary-trees — the Benchmarks Game's allocation test: builds and walks
// many short-lived complete binary trees (allocation, GC, recursion).

class TreeNode {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }
  check() {
    if (this.left === null) return 1;
    return 1 + this.left.check() + this.right.check();
  }
}

function bottomUpTree(depth) {
  if (depth > 0) return new TreeNode(bottomUpTree(depth - 1), bottomUpTree(depth - 1));
  return new TreeNode(null, null);
}

/** The classic program for `maxDepth`; returns the sum of every check it prints. */
export function bench(maxDepth) {
  const minDepth = 4;
  let total = bottomUpTree(maxDepth + 1).check();
  const longLived = bottomUpTree(maxDepth);
  for (let depth = minDepth; depth <= maxDepth; depth += 2) {
    const iterations = 1 << (maxDepth - depth + minDepth);
    let check = 0;
    for (let i = 0; i < iterations; i++) check += bottomUpTree(depth).check();
    total += check;
  }
  return total + longLived.check();
}

export const sizes = { full: 16, quick: 12 };
