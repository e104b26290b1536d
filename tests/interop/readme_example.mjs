// The README's worked example, run by an independent gRPC implementation (@grpc/grpc-js
// with protos loaded at run time) against the real huiwu-booking binary and the test
// MariaDB: what an integrating government system written in another language sees,
// rich error details included.
//
//   node tests/interop/readme_example.mjs <path to huiwu-booking>
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';

import {runExample} from './harness.mjs';

await runExample({
  binary: process.argv[2],
  proto: 'huiwu/booking/v1/booking_service.proto',
  service: 'huiwu.booking.v1.BookingService',
  name: 'booking',
}, async ({call, errorInfo, grpc}) => {
  // A Tuesday about a month ahead, 09:00–11:00 Asia/Shanghai (01:00Z–03:00Z), so the
  // center's notice and advance limits hold whenever this runs.
  const day = new Date(Date.now() + 30 * 86400000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (hours) => new Date(day.getTime() + hours * 3600000).toISOString();
  const ts = (iso) => ({seconds: String(Date.parse(iso) / 1000), nanos: 0});

  await call('CreateBuilding', {building_id: 'city-hall', building: {display_name: '市政府大楼'}});
  await call('CreateRoom', {
    parent: 'buildings/city-hall', room_id: '301',
    room: {
      display_name: '301会议室', floor: 3, capacity: 30, equipment: ['EQUIPMENT_PROJECTOR'],
      default_setup_minutes: 30, default_cleanup_minutes: 30,
    },
  });
  await call('CreateRoom', {
    parent: 'buildings/city-hall', room_id: '302',
    room: {display_name: '302会议室', floor: 3, capacity: 20},
  });

  // 1. The notice, sent twice with one request_id: one meeting.
  // gRPC text metadata is ASCII: a Chinese name goes in the binary (-bin) header.
  const actor = new grpc.Metadata();
  actor.set('x-huiwu-actor-bin', Buffer.from('oa/王敏'));
  const notice = {
    request_id: 'oa-2026-12-0001',
    meeting: {
      title: '2026年度工作总结会', kind: 'MEETING_KIND_INTERNAL', organizer_unit: '办公室',
      contact: {name: '王敏', phone: '0571-8888 1234'},
      start_time: ts(at(1)), end_time: ts(at(3)),
      room: 'buildings/city-hall/rooms/301', expected_participants: 25,
      attendees: [{name: '李主任', unit: '办公室', vip: true}, {id: 'e1001', name: '张科长'}],
      agenda: [{title: '年度工作报告', presenter: '李主任', minutes: 40}],
      services: [
        {kind: 'SERVICE_KIND_BANNER', notes: '2026年度工作总结会'},
        {kind: 'SERVICE_KIND_NAMEPLATES', quantity: 25}, {kind: 'SERVICE_KIND_TEA'},
      ],
    },
  };
  const {meeting: created} = await call('CreateMeeting', notice, actor);
  const {meeting: again} = await call('CreateMeeting', notice, actor);
  assert.equal(again.name, created.name, 'a retried create returns the first meeting');
  assert.equal(created.state, 'MEETING_STATE_SUBMITTED');
  assert.equal(created.etag, '"1"');

  // 2. Confirmed: the room is held 30 minutes either side.
  const {meeting: confirmed} =
      await call('ConfirmMeeting', {name: created.name, etag: created.etag});
  assert.equal(confirmed.state, 'MEETING_STATE_CONFIRMED');
  assert.equal(Number(confirmed.occupancy_start_time.seconds), Date.parse(at(0.5)) / 1000);
  assert.equal(Number(confirmed.occupancy_end_time.seconds), Date.parse(at(3.5)) / 1000);

  // A second notice at 11:00–12:00 local: its set-up falls in the first's clean-up.
  const {meeting: second} = await call('CreateMeeting', {
    meeting: {
      title: '财政局预算协调会', kind: 'MEETING_KIND_INTERNAL', organizer_unit: '财政局',
      contact: {name: '陈刚', phone: '0571-8888 5678'}, start_time: ts(at(3)),
      end_time: ts(at(4)), room: 'buildings/city-hall/rooms/301', expected_participants: 12,
    },
  });
  await assert.rejects(call('ConfirmMeeting', {name: second.name}), (error) => {
    assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
    const info = errorInfo(error);
    assert.equal(info.reason, 'ROOM_CONFLICT');
    assert.equal(info.domain, 'booking.huiwu');
    assert.equal(info.metadata.conflicting_meeting, created.name);
    return true;
  });
  await call('ConfirmMeeting', {name: second.name, room: 'buildings/city-hall/rooms/302'});

  // 3.–5. Start, complete with the summary, archive; the history tells it all.
  await call('StartMeeting', {name: created.name});
  await call('CompleteMeeting', {
    name: created.name,
    summary: {actual_attendance: 24, notes: '会议按期完成', problems: '2号话筒有杂音，已报修'},
  });
  const {meeting: archived} = await call('ArchiveMeeting', {name: created.name});
  assert.deepEqual(archived.history.map((h) => h.to_state), [
    'MEETING_STATE_SUBMITTED', 'MEETING_STATE_CONFIRMED', 'MEETING_STATE_IN_PROGRESS',
    'MEETING_STATE_COMPLETED', 'MEETING_STATE_ARCHIVED',
  ]);
  assert.equal(archived.history[0].actor, 'oa/王敏');

  // What is on that day in 301 (the day in Asia/Shanghai).
  const local = new Date(day.getTime() + 8 * 3600000);
  const {meetings} = await call('ListMeetings', {
    date: {year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate()},
    view: 'CALENDAR_VIEW_DAY', room: 'buildings/city-hall/rooms/301',
  });
  assert.deepEqual(meetings.map((m) => m.name), [created.name]);

  // Bad input names the field, from any client.
  await assert.rejects(call('GetMeeting', {name: 'meetings/'}), (error) => {
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    assert.match(error.details, /name/);
    return true;
  });
});
