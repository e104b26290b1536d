// What every interop example shares: an independent gRPC implementation (@grpc/grpc-js,
// protos loaded at run time) starts the real service binary on a free port against the
// test MariaDB (a database of its own, dropped afterwards) and calls it as an
// integrating government system written in another language would, rich error details
// included.
//
//   await runExample({binary, proto: 'huiwu/booking/v1/booking_service.proto',
//                     service: 'huiwu.booking.v1.BookingService', name: 'booking'},
//                    async ({call, errorInfo, grpc}) => { … });
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'tools/node/package.json'));
export const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const googleapis = '/usr/share/gocode/src/github.com/gogo/googleapis';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through scripts/test.sh`);
  return value;
}

// google.rpc.Status from the trailers, as any client decodes it, with ErrorInfo unpacked.
const rpcTypes = protobuf.loadSync(
    ['google/rpc/status.proto', 'google/rpc/error_details.proto'].map((f) => path.join(googleapis, f)));
export function errorInfo(error) {
  const [details] = error.metadata.get('grpc-status-details-bin');
  assert.ok(details, `no rich error details on: ${error.message}`);
  const status = rpcTypes.lookupType('google.rpc.Status').decode(details);
  const any = status.details.find((d) => d.type_url.endsWith('/google.rpc.ErrorInfo'));
  assert.ok(any, 'ErrorInfo among the details');
  const infoType = rpcTypes.lookupType('google.rpc.ErrorInfo');
  return infoType.toObject(infoType.decode(any.value));
}

// A google.protobuf.Any as a plain object of its type, e.g. an event's payload; the
// type's .proto is found under proto/ by its package (huiwu.booking.v1 → huiwu/booking/v1).
const anyTypes = new protobuf.Root();
anyTypes.resolvePath = (origin, target) => {
  const dirs = [path.join(root, 'proto'), googleapis, '/usr/include'];
  const found = dirs.map((dir) => path.join(dir, target)).find((file) => fs.existsSync(file));
  return found ?? target;
};
export function decodeAny(any) {
  const typeName = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
  const file = typeName.split('.').slice(0, -1).join('/') + '/events.proto';
  anyTypes.loadSync(file, {keepCase: true});
  const type = anyTypes.lookupType(typeName);
  return type.toObject(type.decode(any.value), {longs: String, enums: String});
}

// Starts `binary` on port 0 and resolves the port from its "serving" log line.
function startService(binary, db) {
  const child = spawn(binary, [
    '--tls=off', '--host=127.0.0.1', '--grpc_port=0', '--metrics_port=-1', `--mysql_host=${db.host}`,
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

function dropDatabase(db) {
  execFileSync('mariadb', [
    '--no-defaults', `-h${db.host}`, `-P${db.port}`, `-u${db.user}`, `-p${db.password}`, '-e',
    `DROP DATABASE IF EXISTS \`${db.database}\``,
  ]);
}

// Runs `body` against a fresh instance of the service; always stops it and drops its
// database. `call(method, request, metadata?)` resolves the response or rejects with
// the gRPC error (10 s deadline).
export async function runExample({binary, proto, service, name}, body) {
  assert.ok(binary, 'usage: node <example>.mjs <path to the service binary>');
  const db = {
    host: env('HUIWU_TEST_MYSQL_HOST'),
    port: env('HUIWU_TEST_MYSQL_PORT'),
    user: env('HUIWU_TEST_MYSQL_USER'),
    password: env('HUIWU_TEST_MYSQL_PASSWORD'),
    database: `interop_${name}_${process.pid}_${Date.now() % 100000}`,
  };
  const definitions = protoLoader.loadSync([proto], {
    includeDirs: [path.join(root, 'proto'), googleapis],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const Client = service.split('.').reduce(
      (scope, part) => scope[part], grpc.loadPackageDefinition(definitions));
  const started = startService(binary, db);
  try {
    const port = await started.port;
    const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = (method, request, metadata = new grpc.Metadata()) =>
        new Promise((resolve, reject) => client[method](
            request, metadata, {deadline: Date.now() + 10000},
            (error, response) => error ? reject(error) : resolve(response)));
    // Another service of the same server (e.g. huiwu.events.v1.EventService).
    const clientFor = (otherProto, otherService) => {
      const loaded = protoLoader.loadSync([otherProto], {
        includeDirs: [path.join(root, 'proto'), googleapis], keepCase: true, longs: String,
        enums: String, defaults: false, oneofs: true,
      });
      const Other = otherService.split('.').reduce(
          (scope, part) => scope[part], grpc.loadPackageDefinition(loaded));
      return new Other(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    };
    await body({call, errorInfo, grpc, clientFor, decodeAny});
    client.close();
    console.log(`${name} README example: every call answered as documented`);
  } finally {
    started.child.kill('SIGTERM');
    await new Promise((resolve) => started.child.exitCode !== null ? resolve() :
                                                                    started.child.on('exit', resolve));
    dropDatabase(db);
  }
}
