// The layer rules, read from the tables of docs/CONVENTIONS.md ("## Layers"), so the page and the checker cannot
// disagree. A layer's row lists the layers, files and packages it may import; "(types)" allows `import type` only.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const cells = (line) =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
const list = (cell) =>
  cell
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const code = (x) => x.replace(/^`|`$/g, '');
/** A path of the table as a regular expression: a folder (ending in /) matches what is under it, a file itself. */
const pathRe = (p) => (p.endsWith('/') ? `^${esc(p)}` : `^${esc(p)}$`);
const packageRe = (name) => `(^|/)node_modules/${esc(name)}/`;

/** The tables after the "## Layers" heading, as rows of cells (header and rule lines left out). */
function tables(markdown) {
  const section = markdown.split(/^## Layers$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error('docs/CONVENTIONS.md has no "## Layers" section');
  const found = [];
  let rows = null;
  for (const line of section.split('\n')) {
    if (!line.startsWith('|')) {
      if (rows) found.push(rows);
      rows = null;
      continue;
    }
    if (!rows) rows = [];
    else if (!/^\|[\s-|]+\|$/.test(line)) rows.push(cells(line));
  }
  if (rows) found.push(rows);
  return found;
}

const [layerRows, exceptionRows = []] = tables(readFileSync(join(__dirname, 'docs', 'CONVENTIONS.md'), 'utf8'));
const layers = layerRows.map(([name, files, imports, packages]) => ({
  name,
  paths: list(files).map(code).map(pathRe),
  imports: list(imports),
  packages: list(packages).map(code),
}));
const byName = new Map(layers.map((l) => [l.name, l]));
const exceptions = exceptionRows.map(([file, also]) => ({ file: code(file), packages: list(also).map(code) }));

/** The regular expressions an `imports` cell allows, split into any import and type-only. */
function allowed(layer) {
  const any = [];
  const types = [];
  for (const item of layer.imports) {
    const typesOnly = item.endsWith(' (types)');
    const name = item.replace(/ \(types\)$/, '');
    const target = name.startsWith('`') ? [pathRe(code(name))] : byName.get(name)?.paths;
    if (!target) throw new Error(`docs/CONVENTIONS.md: layer ${layer.name} imports "${name}", which is neither a layer nor a file`);
    (typesOnly ? types : any).push(...target);
  }
  return { any, types };
}

/** The rules for one layer's package imports (its files with their own exceptions get a rule each). */
function packageRules(layer) {
  const own = exceptions.filter((e) => layer.paths.some((p) => new RegExp(p).test(e.file)));
  const rule = (name, from, packages) => {
    const nodeOk = packages.includes('node:*');
    const npm = packages.filter((p) => p !== 'node:*');
    return [
      {
        name,
        severity: 'error',
        comment: `${layer.name} imports only the packages of its row in docs/CONVENTIONS.md: ${packages.join(', ') || 'none'}`,
        from,
        to: { dependencyTypes: NPM, pathNot: npm.map(packageRe) },
      },
      ...(nodeOk
        ? []
        : [
            {
              name: `${name}-node`,
              severity: 'error',
              comment: `${layer.name} imports no node:* module`,
              from,
              to: { dependencyTypes: ['core'] },
            },
          ]),
    ];
  };
  return [
    ...rule(`${layer.name}-packages`, { path: layer.paths, pathNot: own.map((e) => pathRe(e.file)) }, layer.packages),
    ...own.flatMap((e) => rule(`${layer.name}-packages-for-now`, { path: pathRe(e.file) }, [...layer.packages, ...e.packages])),
  ];
}

const forbidden = layers.flatMap((layer) => {
  const { any, types } = allowed(layer);
  return [
    {
      name: `${layer.name}-imports`,
      severity: 'error',
      comment: `${layer.name} imports only: ${layer.imports.join(', ')} (docs/CONVENTIONS.md, Layers)`,
      from: { path: layer.paths },
      to: { dependencyTypes: ['local'], pathNot: [...any, ...types] },
    },
    ...(types.length
      ? [
          {
            name: `${layer.name}-imports-types-only`,
            severity: 'error',
            comment: `${layer.name} imports only types from: ${layer.imports.filter((i) => i.endsWith('(types)')).join(', ')}`,
            from: { path: layer.paths },
            to: { path: types, pathNot: any, dependencyTypesNot: ['type-only'] },
          },
        ]
      : []),
    ...packageRules(layer),
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...forbidden,
    { name: 'not-to-unresolvable', severity: 'error', comment: 'every import resolves', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.json'],
      conditionNames: ['import', 'browser', 'default'],
      exportsFields: ['exports'],
    },
  },
};
