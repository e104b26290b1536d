// The container test's gRPC client (@grpc/grpc-js, protos loaded at run time): books and
// reads meetings through one booking replica, addressed by its container IP.
//
//   node client.mjs create ADDR REQUEST_ID DAYS_AHEAD HOUR   → prints the meeting's name
//   node client.mjs confirm ADDR NAME                          → prints the state
//   node client.mjs get ADDR NAME                              → prints the state and title
// Exit status 0 on success; a failed call prints its code and message and exits 1.
// With HUIWU_CERTS_DIR set it calls over mutual TLS as that folder's admin certificate
// (scripts/make_certs.sh), naming the server "booking" (its certificate's DNS SAN: the
// container's IP is not in it).
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'tools/node/package.json'));
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const googleapis = '/usr/share/gocode/src/github.com/gogo/googleapis';

const [command, addr, ...args] = process.argv.slice(2);
const definitions = protoLoader.loadSync(['huiwu/booking/v1/booking_service.proto'], {
  includeDirs: [path.join(root, 'proto'), googleapis],
  keepCase: true, longs: String, enums: String, defaults: false, oneofs: true,
});
const Booking = grpc.loadPackageDefinition(definitions).huiwu.booking.v1.BookingService;
const certs = process.env.HUIWU_CERTS_DIR;
const client = certs ?
    new Booking(addr,
                grpc.credentials.createSsl(fs.readFileSync(path.join(certs, 'ca.pem')),
                                           fs.readFileSync(path.join(certs, 'admin.key')),
                                           fs.readFileSync(path.join(certs, 'admin.pem'))),
                {'grpc.ssl_target_name_override': 'booking'}) :
    new Booking(addr, grpc.credentials.createInsecure());
// A write may wait for Galera to evict a stopped node (a few seconds): a generous deadline.
const call = (method, request) => new Promise((resolve, reject) => client[method](
    request, new grpc.Metadata(), {deadline: Date.now() + 30000},
    (error, response) => error ? reject(error) : resolve(response)));

try {
  if (command === 'create') {
    const [requestId, daysAhead, hour] = args;
    // A weekday about a month ahead (the center's notice and advance limits), at HOUR
    // Asia/Shanghai for one hour.
    const day = new Date(Date.now() + Number(daysAhead) * 86400000);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    day.setUTCHours(Number(hour) - 8, 0, 0, 0);
    const ts = (ms) => ({seconds: String(Math.floor(ms / 1000)), nanos: 0});
    const {meeting} = await call('CreateMeeting', {
      request_id: requestId,
      meeting: {
        title: `容器测试会议 ${requestId}`, kind: 'MEETING_KIND_INTERNAL', organizer_unit: '办公室',
        contact: {name: '王敏', phone: '0571-8888 1234'},
        start_time: ts(day.getTime()), end_time: ts(day.getTime() + 3600000),
        room: 'buildings/city-hall/rooms/302', expected_participants: 10,
      },
    });
    console.log(meeting.name);
  } else if (command === 'confirm') {
    const {meeting} = await call('ConfirmMeeting', {name: args[0]});
    console.log(meeting.state);
  } else if (command === 'get') {
    const {meeting} = await call('GetMeeting', {name: args[0]});
    console.log(`${meeting.state} ${meeting.title}`);
  } else {
    console.error('usage: client.mjs create|confirm|get ADDR ...');
    process.exit(2);
  }
} catch (error) {
  console.error(`${command} via ${addr} failed: ${error.code} ${error.details ?? error.message}`);
  process.exit(1);
} finally {
  client.close();
}
