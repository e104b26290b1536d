// The README's staffing example (## Staffing), run by an independent gRPC implementation
// (@grpc/grpc-js with protos loaded at run time) against the real huiwu-staffing binary
// and the test MariaDB, rich error details included. The demo people it needs are
// created with the ids, roles and qualifications `huiwuctl seed-staff` gives them.
//
//   node tests/interop/staffing_example.mjs <path to huiwu-staffing>
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';

import {runExample} from './harness.mjs';

await runExample({
  binary: process.argv[2],
  proto: 'huiwu/staffing/v1/staffing_service.proto',
  service: 'huiwu.staffing.v1.StaffingService',
  name: 'staffing',
}, async ({call, errorInfo, grpc}) => {
  // A Tuesday about a month ahead, 09:00–11:00 Asia/Shanghai (01:00Z–03:00Z): within
  // the demo people's working hours whenever this runs.
  const day = new Date(Date.now() + 30 * 86400000);
  day.setUTCHours(0, 0, 0, 0);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  const at = (hours) => new Date(day.getTime() + hours * 3600000).toISOString();
  const ts = (iso) => ({seconds: String(Date.parse(iso) / 1000), nanos: 0});
  const seconds = (t) => Number(t.seconds);

  // The demo people of the example, as seed-staff loads them.
  const valid = {year: 2199, month: 12, day: 31};
  const people = [
    ['l-001', 'L-001', '李洋', 'ROLE_LOBBY_MANAGER', ['QUALIFICATION_KIND_VIP_ETIQUETTE']],
    ['av-001', 'AV-001', '徐强', 'ROLE_AUDIO_TECHNICIAN', ['QUALIFICATION_KIND_AUDIO_CONSOLE']],
    ['f-001', 'F-001', '胡芳', 'ROLE_ATTENDANT', ['QUALIFICATION_KIND_VIP_ETIQUETTE']],
    ['f-002', 'F-002', '郭军', 'ROLE_ATTENDANT', ['QUALIFICATION_KIND_VIP_ETIQUETTE']],
  ];
  for (const [id, number, name, role, extra] of people) {
    await call('CreateStaff', {
      staff_id: id, request_id: `seed-staff-${id}`,
      staff: {
        staff_number: number, display_name: name, phone: '13900000000', section: '会务服务科',
        role, qualifications: ['QUALIFICATION_KIND_FIRE_SAFETY', ...extra].map(
            (kind) => ({kind, valid_until: valid})),
      },
    });
    await call('SetShiftPattern', {
      staff: `staff/${id}`,
      shifts: [1, 2, 3, 4, 5].map((weekday) => ({weekday, start_minute: 420, end_minute: 1260})),
    });
  }

  const meeting = 'meetings/3f9c2a7d5e1b4c08';
  const {requirement} = await call('SetStaffingRequirement', {
    requirement: {
      meeting, start_time: ts(at(1)), end_time: ts(at(3)),
      room: 'buildings/city-hall/rooms/301', participants: 25, kind: 'MEETING_KIND_INTERNAL',
      vip: true, sound_used: true,
    },
  });
  assert.deepEqual(requirement.role_counts.map((c) => [c.role, c.count]), [
    ['ROLE_LOBBY_MANAGER', 1], ['ROLE_AUDIO_TECHNICIAN', 1], ['ROLE_ATTENDANT', 1],
  ]);
  assert.equal(seconds(requirement.report_time), Date.parse(at(0.5)) / 1000);
  assert.equal(seconds(requirement.release_time), Date.parse(at(3.25)) / 1000);

  const first = await call('AutoAssign', {meeting});
  assert.deepEqual(first.assigned.map((a) => a.staff), ['staff/l-001', 'staff/av-001', 'staff/f-001']);
  assert.deepEqual(first.shortfall ?? [], []);

  const {leave} = await call('RequestLeave', {
    parent: 'staff/f-001',
    leave: {start_time: ts(at(-8)), end_time: ts(at(16)), reason: '家中有事'},
  });
  assert.equal(leave.state, 'LEAVE_STATE_REQUESTED');
  await assert.rejects(call('ApproveLeave', {name: leave.name, approver: '刘科长'}), (error) => {
    assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
    const info = errorInfo(error);
    assert.equal(info.reason, 'LEAVE_OVERLAPS_ASSIGNMENTS');
    assert.equal(info.domain, 'staffing.huiwu');
    assert.equal(info.metadata.assignments, `${meeting}/assignments/f-001`);
    return true;
  });

  await call('UnassignStaff', {name: `${meeting}/assignments/f-001`});
  const {leave: approved} = await call('ApproveLeave', {name: leave.name, approver: '刘科长'});
  assert.equal(approved.state, 'LEAVE_STATE_APPROVED');
  assert.equal(approved.approver, '刘科长');
  const second = await call('AutoAssign', {meeting});
  assert.deepEqual(second.assigned.map((a) => a.staff), ['staff/f-002']);
  const explained = await call('ExplainEligibility', {meeting, staff: 'staff/f-001'});
  assert.equal(explained.eligible ?? false, false);
  assert.deepEqual(explained.reasons.map((r) => r.reason), ['INELIGIBILITY_REASON_ON_LEAVE']);

  // Check-in now is long before the duty: on time. Nobody is absent before the start.
  const {assignment} = await call('CheckIn', {name: `${meeting}/assignments/l-001`});
  assert.equal(assignment.late ?? false, false);
  const absent = await call('ListAbsentees', {meeting});
  assert.equal(absent.meeting_started ?? false, false);
  const local = new Date(day.getTime() + 8 * 3600000);
  const week = await call('GetWorkload', {
    week: {year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate()},
  });
  assert.equal(week.staff.length, 3);
  assert.equal(week.sections[0].assigned_hours, 3 * 2.75);

  // Bad input names the field, from any client.
  await assert.rejects(call('AssignStaff', {meeting, staff: 'f-002'}), (error) => {
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.match(error.details, /staff/);
    return true;
  });
});
