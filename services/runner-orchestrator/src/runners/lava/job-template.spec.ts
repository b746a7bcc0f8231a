import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadJobTemplate, renderJobDefinition, type JobRenderInput } from './job-template.js';
import { DEFAULT_LAVA_TEMPLATES_DIR } from './lava.settings.js';

const KERNEL =
  'https://storage.tuxsuite.com/public/g/p/builds/2ZITcwA6wxeKxh9cZA5HBJ6FkSj/Image.gz';
const MODULES =
  'https://storage.tuxsuite.com/public/g/p/builds/2ZITcwA6wxeKxh9cZA5HBJ6FkSj/modules.tar.xz';
const BASE: JobRenderInput = {
  runId: '0b6f1c7e-8d5e-4f3a-9a51-2f0c1e4b7d10',
  device: 'qemu-riscv64',
  deviceType: 'qemu',
  kernelImageUrl: KERNEL,
  tests: [],
  callbackUrl: 'https://bridge.example/callbacks/lava/0b6f1c7e-8d5e-4f3a-9a51-2f0c1e4b7d10',
  tokenDescription: 'kci-bridge-callback',
};

type Job = Record<string, unknown> & { actions: Record<string, Record<string, unknown>>[] };

async function render(input: Partial<JobRenderInput> = {}): Promise<{ text: string; job: Job }> {
  const full = { ...BASE, ...input };
  const template = await loadJobTemplate(full.device, [DEFAULT_LAVA_TEMPLATES_DIR]);
  const text = renderJobDefinition(template, full);
  return { text, job: parse(text) as Job };
}

const MINIMAL = `
device_type: {{ device_type }}
job_name: {{ job_name }}
visibility: public
timeouts: {job: {minutes: 10}}
actions:
  - deploy: {to: tmpfs, images: {kernel: {url: {{ kernel_url }}}}}
  - boot: {method: qemu}
  - test: {definitions: {{ test_definitions }}}
`;

describe('the shipped qemu-riscv64 template', () => {
  it('renders a boot-only job: no test action, no modules or kselftest overlay', async () => {
    const { job } = await render();
    expect(job.device_type).toBe('qemu');
    expect(job.job_name).toBe(`kci-bridge ${BASE.runId} qemu-riscv64: boot`);
    expect(job.actions.map((a) => Object.keys(a)[0])).toEqual(['deploy', 'boot']);
    const images = job.actions[0]?.deploy?.images as Record<string, Record<string, unknown>>;
    expect(images.kernel).toMatchObject({ url: KERNEL, compression: 'gz' });
    expect(images.rootfs).toMatchObject({
      url: 'https://storage.tuxboot.com/riscv64/rootfs.ext4.zst',
      compression: 'zstd',
      format: 'ext4',
    });
    expect(images.rootfs).not.toHaveProperty('overlays');
    expect(job).not.toHaveProperty('kci');
  });

  it('sets the notify callback and the run id, whatever the template says', async () => {
    const { job } = await render();
    expect(job.notify).toEqual({
      criteria: { status: 'finished' },
      callbacks: [
        {
          url: BASE.callbackUrl,
          method: 'POST',
          dataset: 'all',
          'content-type': 'json',
          token: 'kci-bridge-callback',
        },
      ],
    });
    expect(job.metadata).toEqual({ kci_run_id: BASE.runId });
  });

  it('adds one test action per test, with Linaro test-definitions, and the overlays they need', async () => {
    const { job } = await render({ modulesUrl: MODULES, tests: ['ltp-smoke', 'kselftest-timers'] });
    const tests = job.actions.filter((a) => 'test' in a).map((a) => a.test);
    expect(tests).toHaveLength(2);
    expect(tests[0]?.definitions).toEqual([
      {
        from: 'git',
        repository: 'https://github.com/Linaro/test-definitions.git',
        revision: 'master',
        path: 'automated/linux/ltp/ltp.yaml',
        name: 'ltp-smoke',
        parameters: {
          TST_CMDFILES: 'smoketest',
          SKIP_INSTALL: 'true',
          ENVIRONMENT: 'production',
          TIMEOUT_MULTIPLIER: '3',
          LTP_INSTALL_PATH: '/usr/lib/ltp-testsuite',
        },
      },
    ]);
    expect(tests[1]?.definitions).toMatchObject([
      {
        path: 'automated/linux/kselftest/kselftest.yaml',
        name: 'kselftest-timers',
        'lava-signal': 'kmsg',
        parameters: { TST_CMDFILES: 'timers', KSELFTEST_PATH: '/opt/kselftests/default-in-kernel' },
      },
    ]);
    expect(tests[0]?.timeout).toEqual({ minutes: 60 });
    const images = job.actions[0]?.deploy?.images as Record<string, Record<string, unknown>>;
    expect(images.rootfs?.overlays).toEqual({
      modules: { url: MODULES, compression: 'xz', format: 'tar', path: '/' },
      kselftest: {
        url: KERNEL.replace('Image.gz', 'kselftest.tar.xz'),
        compression: 'xz',
        format: 'tar',
        path: '/opt/kselftests/default-in-kernel/',
      },
    });
  });

  it('keeps values with quotes, newlines and YAML syntax as data', async () => {
    const runId = `r1"\n- boot: {method: evil}\n#: &a *a 'x' {{ kernel_url }}`;
    const kernel = `https://h.example/k/Image?q=a: [1] {b} &c *d 'e' !f |g >h %i`;
    const description = `desc"\nnotify: {}\n- x: 'y'`;
    const { job, text } = await render({
      runId,
      kernelImageUrl: kernel,
      tokenDescription: description,
    });
    expect(job.actions.map((a) => Object.keys(a)[0])).toEqual(['deploy', 'boot']);
    expect(job.metadata).toEqual({ kci_run_id: runId });
    expect(String(job.job_name).startsWith(`kci-bridge ${runId}`)).toBe(true);
    const images = job.actions[0]?.deploy?.images as Record<string, Record<string, unknown>>;
    expect(images.kernel?.url).toBe(new URL(kernel).href);
    expect((job.notify as { callbacks: { token: string }[] }).callbacks[0]?.token).toBe(
      description,
    );
    expect(text).not.toContain('kci-placeholder');
  });

  it('quotes values LAVA would read as YAML 1.1 booleans or numbers', async () => {
    const { text } = await render({ runId: '1:20', tokenDescription: 'on' });
    const job = parse(text, { version: '1.1' }) as Job;
    expect(job.metadata).toEqual({ kci_run_id: '1:20' });
    expect((job.notify as { callbacks: { token: unknown }[] }).callbacks[0]?.token).toBe('on');
  });

  it('uses the configured root filesystem over the template default', async () => {
    const { job } = await render({ rootfsUrl: 'https://rootfs.example/riscv64/rootfs.ext4.xz' });
    const images = job.actions[0]?.deploy?.images as Record<string, Record<string, unknown>>;
    expect(images.rootfs).toMatchObject({
      url: 'https://rootfs.example/riscv64/rootfs.ext4.xz',
      compression: 'xz',
    });
  });

  it('refuses URLs that would make the dispatcher read its own disk', async () => {
    await expect(render({ kernelImageUrl: 'file:///etc/shadow' })).rejects.toThrow(/http\(s\)/);
    await expect(render({ modulesUrl: 'ftp://x/modules.tar.xz' })).rejects.toThrow(/http\(s\)/);
    await expect(render({ kernelImageUrl: 'not a url' })).rejects.toThrow(/not a URL/);
  });
});

describe('the shipped hifive-unleashed-a00 template', () => {
  it('derives the dtb from the kernel URL and drops modules when there are none', async () => {
    const { job } = await render({
      device: 'hifive-unleashed-a00',
      deviceType: 'hifive-unleashed-a00',
    });
    const deploy = job.actions[0]?.deploy;
    expect(deploy).toMatchObject({
      to: 'tftp',
      kernel: { url: KERNEL, compression: 'gz', type: 'image' },
      dtb: { url: KERNEL.replace('Image.gz', 'dtbs/sifive/hifive-unleashed-a00.dtb') },
      ramdisk: { compression: 'gz' },
    });
    expect(deploy).not.toHaveProperty('modules');
    expect(job.actions[1]?.boot).toMatchObject({ method: 'u-boot', commands: 'ramdisk' });
  });
});

describe('the shipped sun50i-h6-pine-h64 template', () => {
  it('boots the board over TFTP with its device tree and the modules', async () => {
    const device = 'sun50i-h6-pine-h64';
    const { job } = await render({ device, deviceType: device, modulesUrl: MODULES });
    expect(job.actions[0]?.deploy).toMatchObject({
      to: 'tftp',
      dtb: { url: KERNEL.replace('Image.gz', 'dtbs/allwinner/sun50i-h6-pine-h64.dtb') },
      modules: { url: MODULES, compression: 'xz' },
    });
  });
});

describe('loadJobTemplate', () => {
  it('prefers the configured folder and falls back to the shipped templates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kci-lava-'));
    writeFileSync(join(dir, 'qemu-riscv64.yaml'), '# mine\n');
    expect(await loadJobTemplate('qemu-riscv64', [dir, DEFAULT_LAVA_TEMPLATES_DIR])).toBe(
      '# mine\n',
    );
    const shipped = await loadJobTemplate('hifive-unleashed-a00', [
      dir,
      DEFAULT_LAVA_TEMPLATES_DIR,
    ]);
    expect(shipped).toContain("device_type: '{{ device_type }}'");
  });

  it('says clearly when a device has no template, and takes no path for a device', async () => {
    await expect(loadJobTemplate('beaglev-ahead', [DEFAULT_LAVA_TEMPLATES_DIR])).rejects.toThrow(
      /no LAVA job template for device "beaglev-ahead" \(looked for .*beaglev-ahead\.yaml\)/,
    );
    await expect(loadJobTemplate('../../etc/passwd', [DEFAULT_LAVA_TEMPLATES_DIR])).rejects.toThrow(
      /not a device name/,
    );
  });
});

describe('renderJobDefinition refuses broken templates', () => {
  const input = { ...BASE, tests: ['ltp-smoke'] };
  it.each([
    [
      'an unknown placeholder',
      MINIMAL.replace('{{ job_name }}', '{{ kernel_image }}'),
      /unknown placeholder \{\{ kernel_image \}\}/,
    ],
    ['a placeholder as a key', `${MINIMAL}\n{{ run_id }}: 1\n`, /cannot be a key/],
    ['tests without a test action', MINIMAL.replace(/ {2}- test.*\n/, ''), /no test action/],
    ['a job without boot', MINIMAL.replace(/ {2}- boot.*\n/, ''), /deploy and a boot/],
    [
      'another device type',
      MINIMAL.replace('{{ device_type }}', 'x86'),
      /device_type is "x86", expected "qemu"/,
    ],
    [
      'no job timeout',
      MINIMAL.replace('timeouts: {job: {minutes: 10}}', 'timeouts: {}'),
      /timeouts\.job/,
    ],
    ['a rootfs it cannot have', `${MINIMAL}\nextra: {{ rootfs_url }}\n`, /needs a rootfs/],
    [
      'a misspelt kci setting',
      `${MINIMAL}\nkci: {dtb: x.dtb}\n`,
      /kci\.dtb is not a template setting/,
    ],
    ['an absolute dtb path', `${MINIMAL}\nkci: {dtb_path: /etc/x.dtb}\n`, /relative/],
    [
      'test_definitions elsewhere',
      `${MINIMAL}\nextra: {{ test_definitions }}\n`,
      /test_definitions/,
    ],
    [
      'an optional value inside a string',
      `${MINIMAL}\nextra: "m={{ modules_url }}"\n`,
      /modules_url \}\} has no value/,
    ],
    ['YAML that does not parse', `${MINIMAL}\n  - : : [\n`, /not valid YAML/],
    ['non-string metadata', `${MINIMAL}\nmetadata: {a: [1]}\n`, /metadata/],
  ])('%s', (_what, template, error) => {
    expect(() => renderJobDefinition(template, input)).toThrow(error);
  });

  it('ignores placeholders in comments and keeps string metadata', () => {
    const template = `# uses {{ whatever }} here\n${MINIMAL}\nmetadata: {lab: my-lab}\n`;
    const job = parse(renderJobDefinition(template, input)) as Job;
    expect(job.metadata).toEqual({ lab: 'my-lab', kci_run_id: BASE.runId });
  });
});
