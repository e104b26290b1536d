// The README's safety example, run by an independent gRPC implementation (@grpc/grpc-js
// with protos loaded at run time) against the real huiwu-safety binary and the test
// MariaDB, rich error details included.
//
//   node tests/interop/safety_readme_example.mjs <path to huiwu-safety>
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';

import {runExample} from './harness.mjs';

await runExample({
  binary: process.argv[2],
  proto: 'huiwu/safety/v1/safety_service.proto',
  service: 'huiwu.safety.v1.SafetyService',
  name: 'safety',
}, async ({call, errorInfo, grpc}) => {
  const ts = (ms) => ({seconds: String(Math.floor(ms / 1000)), nanos: 0});
  const room = 'buildings/city-hall/rooms/301';
  // The afternoon window: from two hours from now, for two hours.
  const window = {room, start_time: ts(Date.now() + 2 * 3600000), end_time: ts(Date.now() + 4 * 3600000)};

  // A critical electrical hazard in 301, reported twice with one request_id: one hazard.
  const report = {
    hazard: {
      kind: 'HAZARD_KIND_ELECTRICAL', severity: 'HAZARD_SEVERITY_CRITICAL', place: room,
      description: '插线板过载，电线发热', reporter: 'staff/f-012',
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
    name: task.name, performer: 'staff/f-040', method: 'DISINFECTION_METHOD_DISINFECTION_CABINET',
  });
  await call('AssignHazard', {name: hazard.name, assignee: 'staff/f-031'});
  const {hazard: resolved} = await call('ResolveHazard', {
    name: hazard.name, resolver: 'staff/f-031', resolution: '更换插线板，线路整改',
  });
  assert.equal(resolved.state, 'HAZARD_STATE_RESOLVED');
  const clear = await call('CheckRoomClearance', window);
  assert.equal(clear.clear, true);
  assert.equal((clear.blocks ?? []).length, 0);

  // The resolver cannot verify; someone else closes it.
  await assert.rejects(call('VerifyHazard', {name: hazard.name, verifier: 'staff/f-031'}),
                       (error) => {
                         assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
                         const info = errorInfo(error);
                         assert.equal(info.reason, 'VERIFIER_IS_RESOLVER');
                         assert.equal(info.domain, 'safety.huiwu');
                         return true;
                       });
  const {hazard: verified} = await call('VerifyHazard', {name: hazard.name, verifier: 'staff/s-001'});
  assert.equal(verified.state, 'HAZARD_STATE_VERIFIED');

  // Bad input names the field, from any client.
  await assert.rejects(call('CheckRoomClearance', {...window, room: 'buildings/city-hall'}),
                       (error) => {
                         assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
                         assert.match(error.details, /room/);
                         return true;
                       });
});
