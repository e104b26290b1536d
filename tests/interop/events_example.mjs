// The README's event examples, run by an independent gRPC implementation (@grpc/grpc-js)
// against the real huiwu-booking binary: a room's door display (门牌屏) follows its room,
// the OA system follows its organizer unit, both without polling, and a reader that
// reconnects from its last cursor misses nothing and sees nothing twice.
//
//   node tests/interop/events_example.mjs <path to huiwu-booking>
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';

import {runExample} from './harness.mjs';

// Collects a stream's events until `done(events)` holds (or 10 s pass).
function follow(events, request, done) {
  const received = [];
  let lastCursor = request.after_cursor ?? '0';
  const call = events.StreamEvents(request);
  const finished = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      call.cancel();
      reject(new Error(`stream timed out with ${received.map((e) => e.type).join(', ')}`));
    }, 10000);
    call.on('data', (response) => {
      received.push(...(response.events ?? []));  // empty lists are left out (defaults: false)
      lastCursor = response.cursor;  // resume point, past events the filters skipped too
      if (done(received)) {
        clearTimeout(timer);
        call.cancel();
        resolve();
      }
    });
    call.on('error', (error) => {
      if (error.code !== 1 /* CANCELLED */) reject(error);
    });
  });
  return {received, finished, cursor: () => lastCursor};
}

await runExample({
  binary: process.argv[2],
  proto: 'huiwu/booking/v1/booking_service.proto',
  service: 'huiwu.booking.v1.BookingService',
  name: 'events',
}, async ({call, clientFor, decodeAny}) => {
  const day = new Date(Date.now() + 30 * 86400000);
  day.setUTCHours(0, 0, 0, 0);
  const ts = (hours) => ({seconds: String(day.getTime() / 1000 + hours * 3600), nanos: 0});
  await call('CreateBuilding', {building_id: 'city-hall', building: {display_name: '市政府大楼'}});
  for (const id of ['301', '302']) {
    await call('CreateRoom', {
      parent: 'buildings/city-hall', room_id: id,
      room: {display_name: `${id}会议室`, floor: 3, capacity: 30},
    });
  }
  const events = clientFor('huiwu/events/v1/events.proto', 'huiwu.events.v1.EventService');

  // The door display of 301: what is confirmed, moved or cancelled in its room.
  const door = follow(events, {
    subjects: ['buildings/city-hall/rooms/301'],
    types: ['huiwu.booking.v1.MeetingConfirmed', 'huiwu.booking.v1.MeetingRescheduled',
            'huiwu.booking.v1.MeetingCancelled'],
  }, (received) => received.length >= 2);
  // The OA system of 办公室: everything about its unit's meetings.
  const oa = follow(events, {subjects: ['organizerUnits/办公室']},
                    (received) => received.length >= 3);

  const notice = (title, unit, room, hours) => ({
    meeting: {
      title, kind: 'MEETING_KIND_INTERNAL', organizer_unit: unit,
      contact: {name: '王敏', phone: '0571-8888 1234'}, start_time: ts(hours),
      end_time: ts(hours + 1), room, expected_participants: 10,
    },
  });
  const {meeting: ours} =
      await call('CreateMeeting', notice('周例会', '办公室', 'buildings/city-hall/rooms/301', 1));
  const {meeting: theirs} =
      await call('CreateMeeting', notice('预算会', '财政局', 'buildings/city-hall/rooms/302', 1));
  await call('ConfirmMeeting', {name: theirs.name});
  await call('ConfirmMeeting', {name: ours.name});
  await call('CancelMeeting', {name: ours.name, reason: '领导出差'});

  await Promise.all([door.finished, oa.finished]);
  assert.deepEqual(door.received.map((e) => e.type),
                   ['huiwu.booking.v1.MeetingConfirmed', 'huiwu.booking.v1.MeetingCancelled']);
  const confirmed = decodeAny(door.received[0].payload);
  assert.equal(confirmed.meeting.name, ours.name);
  assert.equal(confirmed.meeting.title, '周例会');
  assert.equal(confirmed.meeting.state, 'MEETING_STATE_CONFIRMED');
  assert.deepEqual(oa.received.map((e) => e.type), [
    'huiwu.booking.v1.MeetingSubmitted', 'huiwu.booking.v1.MeetingConfirmed',
    'huiwu.booking.v1.MeetingCancelled',
  ]);
  assert.ok(oa.received.every((e) => e.subjects.includes(ours.name)), 'only its own meeting');

  // The OA system went away after the cancel; a meeting of its unit comes in meanwhile.
  const {meeting: next} =
      await call('CreateMeeting', notice('月度总结', '办公室', 'buildings/city-hall/rooms/302', 3));
  const resumed = follow(events, {subjects: ['organizerUnits/办公室'], after_cursor: oa.cursor()},
                         (received) => received.length >= 1);
  await resumed.finished;
  assert.equal(resumed.received.length, 1, 'nothing seen before is sent again');
  assert.equal(decodeAny(resumed.received[0].payload).meeting.name, next.name);
  assert.ok(BigInt(resumed.received[0].cursor) > BigInt(oa.received[2].cursor));
  events.close();
});
