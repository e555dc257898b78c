// plotq-wsnode.js: WebSocket clients of the plotq monitor, with the
// WebSocket that Node itself ships (node --experimental-websocket on
// Node 20, global from Node 22): a client no one here wrote.
//
//   node plotq-wsnode.js URL CLIENTS FINISHED [TIMEOUT_S]
//
// Opens CLIENTS connections to URL, each subscribing to "system" and
// "jobs"; prints "ready" once every one has its snapshot, then waits
// until every client has seen FINISHED job_finished events. Prints, per
// client, "client N: queued Q started S finished F system Y" (sorted by
// N), then "all" when each saw every event of each job in order
// (queued, started, finished), and exits 0; 1 on a timeout or an error.
"use strict";
const [url, nclients, want, tmo] = [process.argv[2], +process.argv[3],
  +process.argv[4], +(process.argv[5] || 60)];
if (typeof WebSocket === "undefined") {
  console.log("no WebSocket in this node");
  process.exit(2);
}
const clients = [];
let ready = 0, done = 0, failed = false;
function finish(code) {
  clients.forEach((c, i) => console.log(`client ${i}: queued ${c.n.job_queued} ` +
    `started ${c.n.job_started} finished ${c.n.job_finished} system ${c.n.system_status}`));
  if (code === 0 && clients.every(c => c.inorder)) console.log("all");
  process.exit(code);
}
setTimeout(() => { console.log("timeout"); finish(1); }, tmo * 1000);
for (let i = 0; i < nclients; i++) {
  const c = { n: { job_queued: 0, job_started: 0, job_finished: 0, system_status: 0 },
    last: {}, inorder: true, snap: false };
  clients.push(c);
  const ws = new WebSocket(url);
  ws.onopen = () => ws.send(JSON.stringify({ type: "SUBSCRIBE", channels: ["system", "jobs"] }));
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    if (m.type === "jobs" && !c.snap) {
      c.snap = true;
      if (++ready === nclients) console.log("ready");
    }
    if (m.type in c.n) c.n[m.type]++;
    if (m.job && m.type.startsWith("job_")) {
      const order = { job_queued: 0, job_started: 1, job_finished: 2 };
      const prev = c.last[m.job.id];
      if (prev !== undefined && order[m.type] !== undefined && order[m.type] <= prev)
        c.inorder = false;
      c.last[m.job.id] = order[m.type];
      if (m.type === "job_finished" && c.n.job_finished === want) {
        ws.close(1000);
        if (++done === nclients) finish(0);
      }
    }
  };
  ws.onerror = (e) => { if (!failed) console.log(`client ${i}: error ${e.message || e.type}`); failed = true; };
  ws.onclose = (e) => { if (c.n.job_finished < want) { console.log(`client ${i}: closed ${e.code}`); finish(1); } };
}
