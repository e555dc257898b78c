// shot.js: headless Chromium (Debian's, driven by playwright-core) loads
// the plotq monitor page, says "live" once its WebSocket is up, then waits
// for a job named NAME to show as STATE, prints its row and takes a
// screenshot.
//
//   node shot.js URL NAME STATE SCREENSHOT PROFILE_DIR
"use strict";
const { chromium } = require("playwright-core");
const [url, name, state, shot, profile] = process.argv.slice(2);
(async () => {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    const errors = [];
    page.on("pageerror", e => errors.push(e.message));
    page.on("requestfailed", r => errors.push("request failed: " + r.url()));
    await page.goto(url);
    await page.waitForSelector("#conn.up", { timeout: 30000 });
    console.log("live");
    const row = page.locator("#jobs tr", { hasText: name }).filter({ has: page.locator(`td:text-is("${state}")`) });
    await row.first().waitFor({ timeout: 30000 });
    console.log("row " + (await row.first().innerText()).replace(/\s+/g, " "));
    console.log("status " + await page.locator("#status").innerText());
    await page.screenshot({ path: shot, fullPage: true });
    if (errors.length) console.log("errors " + errors.join("; "));
  } finally {
    await ctx.close();
  }
})().catch(e => { console.log("error " + e.message); process.exit(1); });
