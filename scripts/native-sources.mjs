// Prints the C++ sources of the addon for binding.gyp, one per line. Every .cc under native/ and
// drivers/ is built, except tests and the DAHDI driver where DAHDI's headers are absent.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const haveDahdi = existsSync('/usr/include/dahdi/user.h');
const mode = process.argv[2] ?? 'sources';

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'test' || name === 'tests') continue;
      if (name === 'dahdi' && !haveDahdi) continue;
      walk(p, out);
    } else if (name.endsWith('.cc')) {
      out.push(relative(root, p));
    }
  }
  return out;
}

if (mode === 'defines') {
  process.stdout.write(haveDahdi ? 'TANDEM_HAVE_DAHDI=1\n' : 'TANDEM_HAVE_DAHDI=0\n');
} else {
  const files = [...walk(join(root, 'native'), []), ...walk(join(root, 'drivers'), [])];
  process.stdout.write(files.join('\n') + '\n');
}
