// The README's safety example, run by an independent gRPC implementation (@grpc/grpc-js
// with protos loaded at run time) against the real huiwu-safety binary and the test
// MariaDB, rich error details included.
//
//   node tests/interop/safety_readme_example.mjs <path to huiwu-safety>
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';
import {spawn, execFileSync} from 'node:child_process';
import {createRequire} from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'tools/node/package.json'));
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const binary = process.argv[2];
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/test.sh`);
  return value;
};
const db = {
  host: env('HUIWU_TEST_MYSQL_HOST'),
  port: env('HUIWU_TEST_MYSQL_PORT'),
  user: env('HUIWU_TEST_MYSQL_USER'),
  password: env('HUIWU_TEST_MYSQL_PASSWORD'),
  database: `interop_safety_${process.pid}_${Date.now() % 100000}`,
};
const googleapis = '/usr/share/gocode/src/github.com/gogo/googleapis';
const definitions = protoLoader.loadSync(['huiwu/safety/v1/safety_service.proto'], {
  includeDirs: [path.join(root, 'proto'), googleapis],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
});
const loaded = grpc.loadPackageDefinition(definitions);

// google.rpc.ErrorInfo from the trailers, as any client decodes it.
const rpcTypes = protobuf.loadSync(
    ['google/rpc/status.proto', 'google/rpc/error_details.proto'].map((f) => path.join(googleapis, f)));
function errorInfo(error) {
  const [details] = error.metadata.get('grpc-status-details-bin');
  assert.ok(details, `no rich error details on: ${error.message}`);
  const status = rpcTypes.lookupType('google.rpc.Status').decode(details);
  const any = status.details.find((d) => d.type_url.endsWith('/google.rpc.ErrorInfo'));
  assert.ok(any, 'ErrorInfo among the details');
  const infoType = rpcTypes.lookupType('google.rpc.ErrorInfo');
  return infoType.toObject(infoType.decode(any.value));
}

function startService() {
  const child = spawn(binary, [
    '--host=127.0.0.1', '--grpc_port=0', '--metrics_port=-1', `--mysql_host=${db.host}`,
    `--mysql_port=${db.port}`, `--mysql_user=${db.user}`, `--mysql_password=${db.password}`,
    `--mysql_database=${db.database}`,
  ], {stdio: ['ignore', 'ignore', 'pipe']});
  const lines = readline.createInterface({input: child.stderr});
  const log = [];
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "serving" line:\n${log.join('\n')}`)),
                             30000);
    lines.on('line', (line) => {
      log.push(line);
      const match = /"event":"serving".*"grpc_port":"(\d+)"/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`service exited ${code}:\n${log.join('\n')}`)));
  });
  return {child, port};
}

function dropDatabase() {
  execFileSync('mariadb', [
    '--no-defaults', `-h${db.host}`, `-P${db.port}`, `-u${db.user}`, `-p${db.password}`, '-e',
    `DROP DATABASE IF EXISTS \`${db.database}\``,
  ]);
}

const service = startService();
try {
  const port = await service.port;
  const client = new loaded.huiwu.safety.v1.SafetyService(
      `127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (method, request) =>
      new Promise((resolve, reject) => client[method](
          request, {deadline: Date.now() + 10000},
          (error, response) => error ? reject(error) : resolve(response)));
  const ts = (ms) => ({seconds: String(Math.floor(ms / 1000)), nanos: 0});
  const room = 'buildings/city-hall/rooms/301';
  // The afternoon window: from two hours from now, for two hours.
  const window = {room, start_time: ts(Date.now() + 2 * 3600000), end_time: ts(Date.now() + 4 * 3600000)};

  // A critical electrical hazard in 301, reported twice with one request_id: one hazard.
  const report = {
    hazard: {
      kind: 'HAZARD_KIND_ELECTRICAL', severity: 'HAZARD_SEVERITY_CRITICAL', place: room,
      description: '插线板过载，电线发热', reporter: 'staff/s0012',
    },
    request_id: 'h-301-0001',
  };
  const {hazard} = await call('ReportHazard', report);
  const {hazard: again} = await call('ReportHazard', report);
  assert.equal(again.name, hazard.name, 'a retried report returns the first hazard');
  assert.equal(hazard.state, 'HAZARD_STATE_REPORTED');
  assert.equal(hazard.escalation_level, 'ESCALATION_LEVEL_SECTION');
  assert.equal(Number(hazard.deadline.seconds) - Number(hazard.create_time.seconds), 24 * 3600);

  // The tea sets of the morning's meeting wait for disinfection.
  const {disinfection_task: task} = await call('CreateDisinfectionTask', {
    disinfection_task: {
      meeting: 'meetings/3f9c2a7d5e1b4c08', room, meeting_end_time: ts(Date.now() - 3600000),
    },
  });

  // Blocked, with both reasons.
  const blocked = await call('CheckRoomClearance', window);
  assert.ok(!blocked.clear);
  assert.deepEqual(blocked.blocks.map((b) => [b.reason, b.resource]), [
    ['CLEARANCE_BLOCK_REASON_ROOM_HAZARD', hazard.name],
    ['CLEARANCE_BLOCK_REASON_PENDING_DISINFECTION', task.name],
  ]);

  await call('CompleteDisinfection', {
    name: task.name, performer: 'staff/s0040', method: 'DISINFECTION_METHOD_DISINFECTION_CABINET',
  });
  await call('AssignHazard', {name: hazard.name, assignee: 'staff/s0031'});
  const {hazard: resolved} = await call('ResolveHazard', {
    name: hazard.name, resolver: 'staff/s0031', resolution: '更换插线板，线路整改',
  });
  assert.equal(resolved.state, 'HAZARD_STATE_RESOLVED');
  const clear = await call('CheckRoomClearance', window);
  assert.equal(clear.clear, true);
  assert.equal((clear.blocks ?? []).length, 0);

  // The resolver cannot verify; someone else closes it.
  await assert.rejects(call('VerifyHazard', {name: hazard.name, verifier: 'staff/s0031'}),
                       (error) => {
                         assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
                         const info = errorInfo(error);
                         assert.equal(info.reason, 'VERIFIER_IS_RESOLVER');
                         assert.equal(info.domain, 'safety.huiwu');
                         return true;
                       });
  const {hazard: verified} = await call('VerifyHazard', {name: hazard.name, verifier: 'staff/s0001'});
  assert.equal(verified.state, 'HAZARD_STATE_VERIFIED');

  // Bad input names the field, from any client.
  await assert.rejects(call('CheckRoomClearance', {...window, room: 'buildings/city-hall'}),
                       (error) => {
                         assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
                         assert.match(error.details, /room/);
                         return true;
                       });
  client.close();
  console.log('README safety example: every call answered as documented');
} finally {
  service.child.kill('SIGTERM');
  await new Promise((resolve) => service.child.exitCode !== null ? resolve() :
                                                                  service.child.on('exit', resolve));
  dropDatabase();
}
