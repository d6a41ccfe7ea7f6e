/*
 * Bundle each Lambda handler in handlers/<name>/index.ts, with its AWS SDK clients, into
 * dist/assets/<name>/index.js: the directory the constructs load with lambda.Code.fromAsset. Run by
 * `npm run build`, `prepare` (so `npm ci` leaves the bundles in place) and `pretest`; users of the
 * package get the bundles in the tarball and need neither esbuild nor Docker at synth.
 *
 * esbuild's JavaScript API runs its platform binary from the @esbuild/<platform> package that npm
 * installs as an optional dependency, so it works without esbuild's install script.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.join(__dirname, '..');
const HANDLERS = path.join(ROOT, 'handlers');
const OUT = path.join(ROOT, 'dist', 'assets');

/** A file of aws-cdk-lib or constructs, as esbuild names a bundle's inputs. */
const CDK_MODULE = /(^|\/)node_modules\/(aws-cdk-lib|constructs)\//;

const names = fs.readdirSync(HANDLERS).filter((name) => fs.existsSync(path.join(HANDLERS, name, 'index.ts')));
for (const name of names) {
  const outdir = path.join(OUT, name);
  const outfile = path.join(outdir, 'index.js');
  // Built beside the asset directories, then renamed over index.js: a synth running meanwhile
  // (a test, while another test packs the package) reads the old bundle or the new one, never none.
  const building = path.join(OUT, `.${name}.${process.pid}.js`);
  const { metafile } = buildSync({
    entryPoints: [path.join(HANDLERS, name, 'index.ts')],
    metafile: true,
    outfile: building,
    bundle: true,
    platform: 'node',
    // The functions run on Lambda's Node.js 24 runtime.
    target: 'node24',
    format: 'cjs',
    minify: true,
    // Licences of the bundled AWS SDK (Apache-2.0) stay with the code.
    legalComments: 'eof',
    logLevel: 'warning',
  });
  // A handler's bundle carries no CDK: an import of aws-cdk-lib in core/ once made a 40 MB bundle
  // (and a synth hashing it for every stack with the function).
  const cdk = Object.keys(metafile.inputs).filter((input) => CDK_MODULE.test(input));
  if (cdk.length > 0) {
    fs.rmSync(building, { force: true });
    const via = Object.entries(metafile.inputs).filter(([file, input]) => !file.includes('node_modules/') && input.imports.some((i) => CDK_MODULE.test(i.path)));
    throw new Error(`handlers/${name} bundles ${cdk.length} files of aws-cdk-lib or constructs, imported by ${via.map(([file]) => file).join(', ')}: a file a handler imports must not import CDK (move what the handler needs into a file that does not).`);
  }
  fs.mkdirSync(outdir, { recursive: true });
  fs.renameSync(building, outfile);
  // The directory is the Lambda asset: nothing but the bundle.
  for (const stale of fs.readdirSync(outdir).filter((f) => f !== 'index.js')) {
    fs.rmSync(path.join(outdir, stale), { recursive: true, force: true });
  }
  const size = fs.statSync(outfile).size;
  console.log(`bundled handlers/${name} -> dist/assets/${name}/index.js (${Math.round(size / 1024)} KiB)`);
}
