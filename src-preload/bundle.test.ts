import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A sandboxed preload can `require` only `electron` (and a few Node polyfills);
 * anything else must be bundled, and electron-vite leaves package imports
 * external. So the preload's run-time import graph may reach only our own files
 * and `electron`. Type-only imports are erased and do not count.
 */
const runtimeImports = (file: string): string[] => {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push(`dynamic:${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

const resolveLocal = (from: string, spec: string): string => {
  const base = resolve(dirname(from), spec);
  const hit = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && p.endsWith('.ts'));
  if (!hit) throw new Error(`cannot resolve ${spec} from ${from}`);
  return hit;
};

const here = dirname(fileURLToPath(import.meta.url));

/** The run-time import graph from one entry: our files reached, and the packages required. */
const walk = (entry: string) => {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) queue.push(resolveLocal(file, spec));
      else packages.add(`${spec} (from ${relative(resolve(here, '..'), file)})`);
    }
  }
  return { packages: [...packages], files: [...seen].map((f) => relative(resolve(here, '..'), f)).sort() };
};

describe('preload bundles', () => {
  it('the UI preload reaches only our own files and electron at run time', () => {
    const { packages, files } = walk(resolve(here, 'index.ts'));
    expect(packages).toEqual(['electron (from src-preload/index.ts)']);
    expect(files).toEqual([
      'src-preload/bridge.ts',
      'src-preload/expose.ts',
      'src-preload/index.ts',
      'src-preload/port-relay.ts',
      'src-shared/host/contract.ts',
      'src-shared/result.ts',
    ]);
  });

  it('the engine preload too, and it does not carry the UI bridge', () => {
    const { packages, files } = walk(resolve(here, 'engine.ts'));
    expect(packages).toEqual(['electron (from src-preload/engine.ts)']);
    expect(files).toEqual([
      'src-preload/engine-bridge.ts',
      'src-preload/engine.ts',
      'src-preload/port-relay.ts',
      'src-shared/host/contract.ts',
      'src-shared/result.ts',
    ]);
  });
});
