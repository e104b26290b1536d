// The README's inventory example, run by an independent gRPC implementation
// (@grpc/grpc-js with protos loaded at run time) against the real huiwu-inventory binary
// and the test MariaDB. The demo data the README relies on (scripts/run.sh loads it with
// huiwuctl seed-inventory) is created here first, with the same numbers.
//
//   node tests/interop/inventory_readme_example.mjs <path to huiwu-inventory>
// Needs HUIWU_TEST_MYSQL_{HOST,PORT,USER,PASSWORD} (scripts/test.sh sets them).
import assert from 'node:assert/strict';

import {runExample} from './harness.mjs';

const R = 'buildings/city-hall/rooms/301';

await runExample({
  binary: process.argv[2],
  proto: 'huiwu/inventory/v1/inventory_service.proto',
  service: 'huiwu.inventory.v1.InventoryService',
  name: 'inventory',
}, async ({call, errorInfo, grpc}) => {
  // The demo data of 301's cabinet, as seed-inventory loads it.
  const seed = [
    ['tea', '茶叶', '包', 300, 40, 10], ['bottled-water', '矿泉水', '瓶', 150, 60, 20],
    ['paper-cups', '纸杯', '个', 10, 100, 30], ['pens', '签字笔', '支', 200, 30, 10],
    ['notepads', '笔记本', '本', 500, 30, 10], ['napkins', '纸巾', '包', 100, 20, 5],
  ];
  for (const [id, name, unit, cost, stock, minimum] of seed) {
    await call('CreateItem', {
      item_id: id,
      item: {
        display_name: name, unit, category: 'ITEM_CATEGORY_CONSUMABLE', unit_cost_fen: cost,
        stock_limits: [{location: R, minimum}],
      },
    });
    await call('RecordMovement',
               {item: `items/${id}`, location: R, kind: 'MOVEMENT_KIND_RECEIVE', quantity: stock});
  }
  await call('CreateKitTemplate', {
    kit_template_id: 'internal-small',
    kit_template: {
      display_name: '内部会议（30人以下）', meeting_kind: 'MEETING_KIND_INTERNAL',
      min_participants: 1, max_participants: 30,
      lines: ['bottled-water', 'paper-cups', 'tea', 'pens', 'notepads']
                 .map((id) => ({item: `items/${id}`, per_participant: 1}))
                 .concat([{item: 'items/napkins', fixed: 2}]),
    },
  });
  await call('CreateRoomKey', {parent: R, key_id: 'main', key: {custodian: 'staff/l-001'}});

  // What 301's cabinet holds of bottled water.
  const {balance} = await call('GetBalance', {item: 'items/bottled-water', location: R});
  assert.deepEqual([balance.on_hand, balance.available, balance.minimum], ['60', '60', '20']);

  // The kit of a 25-person internal meeting, by the internal-small norm; a retry with the
  // same request_id is the same kit.
  const reserve = {
    meeting: 'meetings/3f9c2a7d5e1b4c08', meeting_kind: 'MEETING_KIND_INTERNAL',
    participant_count: 25, room: R, organizer_unit: '办公室',
    start_time: {seconds: String(Date.parse('2026-12-08T01:00:00Z') / 1000)},
    end_time: {seconds: String(Date.parse('2026-12-08T03:00:00Z') / 1000)},
    request_id: 'kit-3f9c2a7d5e1b4c08',
  };
  const {kit} = await call('ReserveKit', reserve);
  assert.equal(kit.state, 'KIT_STATE_RESERVED');
  assert.deepEqual(kit.lines.map((l) => [l.item, l.quantity]), [
    ['items/bottled-water', '25'], ['items/napkins', '2'], ['items/notepads', '25'],
    ['items/paper-cups', '25'], ['items/pens', '25'], ['items/tea', '25'],
  ]);
  assert.equal((await call('ReserveKit', reserve)).kit.name, kit.name);

  // A second 30-person meeting cannot be met from 301: every short item named.
  await assert.rejects(call('ReserveKit', {
    meeting: 'meetings/7a01c3d9e2f4b658', meeting_kind: 'MEETING_KIND_INTERNAL',
    participant_count: 30, room: R,
    start_time: {seconds: String(Date.parse('2026-12-08T06:00:00Z') / 1000)},
    end_time: {seconds: String(Date.parse('2026-12-08T08:00:00Z') / 1000)},
  }), (error) => {
    assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
    const info = errorInfo(error);
    assert.equal(info.reason, 'KIT_SHORT');
    assert.equal(info.domain, 'inventory.huiwu');
    assert.equal(info.metadata['items/notepads'], '25');
    assert.equal(info.metadata['items/pens'], '25');
    assert.equal(info.metadata['items/tea'], '15');
    assert.equal(info.metadata['items/bottled-water'], undefined);
    return true;
  });

  // Issued, then settled: 22 bottles and 3 pens used.
  await call('IssueKit', {name: kit.name});
  const {kit: settled} = await call('SettleKit', {
    name: kit.name,
    consumed: [['bottled-water', 22], ['paper-cups', 25], ['tea', 25], ['pens', 3],
               ['notepads', 25], ['napkins', 2]].map(([id, q]) => ({item: `items/${id}`, quantity: q})),
  });
  assert.equal(settled.state, 'KIT_STATE_SETTLED');
  const returned = Object.fromEntries(settled.lines.map((l) => [l.item, l.returned ?? '0']));
  assert.equal(returned['items/bottled-water'], '3');
  assert.equal(returned['items/pens'], '22');
  const water = await call('GetBalance', {item: 'items/bottled-water', location: R});
  assert.equal(water.balance.on_hand, '38');
  const report = await call('GetConsumptionReport', {meeting: 'meetings/3f9c2a7d5e1b4c08'});
  assert.equal(report.meeting_count, 1);
  assert.equal(report.total_cost_fen, String(22 * 150 + 25 * 10 + 25 * 300 + 3 * 200 + 25 * 500 + 2 * 100));

  // The key of 301, out to one attendant; a second hand-out is refused naming the holder.
  const back = {seconds: String(Math.floor(Date.now() / 1000) + 3 * 3600)};
  await call('CheckOutKey', {name: `${R}/keys/main`, holder: 'staff/f-012', expected_return_time: back});
  await assert.rejects(
      call('CheckOutKey', {name: `${R}/keys/main`, holder: 'staff/f-007', expected_return_time: back}),
      (error) => {
        assert.equal(error.code, grpc.status.FAILED_PRECONDITION);
        const info = errorInfo(error);
        assert.equal(info.reason, 'KEY_ALREADY_OUT');
        assert.equal(info.metadata.holder, 'staff/f-012');
        return true;
      });
  const holders = await call('ListKeyHolders', {});
  assert.deepEqual(holders.keys.map((k) => [k.name, k.holder]), [[`${R}/keys/main`, 'staff/f-012']]);
  const overdue = await call('ListKeyHolders', {overdue_only: true});
  assert.deepEqual(overdue.keys ?? [], []);
});
