// End-to-end test of the search page in a real headless Chromium (playwright-core, no
// downloaded browser: Debian's /usr/bin/chromium). Run by tests/integration/browser.rs
// against a `concord serve` over the fixture corpus:
//
//   node tests/browser/search_page.mjs http://127.0.0.1:PORT SCREENSHOT.png
//
// Types a query, ticks a facet, narrows the dates on the timeline, opens a document and
// comes back, checking each time that what the page shows is what the API answers.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const [base, screenshot, keyedBase, apiKey] = process.argv.slice(2);
assert.ok(base && screenshot, "usage: search_page.mjs BASE_URL SCREENSHOT");

const api = async (query) => (await fetch(`${base}/api/search?${query}`)).json();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));

  // The page's answer has landed for the URL it shows.
  const settled = async () => {
    await page.waitForFunction(() => !document.body.classList.contains("busy"));
    await page.waitForSelector("#total");
  };
  const shownTotal = async () => Number(await page.getAttribute("#total", "data-total"));
  const shownIds = async () =>
    page.$$eval("#hits .hit", (hits) => hits.map((hit) => hit.dataset.id));

  // 1. Browsing everything.
  await page.goto(base + "/");
  await settled();
  const everything = await api("");
  assert.equal(await shownTotal(), everything.total, "browse total");
  assert.ok((await page.$$("#timeline .bar")).length > 0, "a timeline is drawn");

  // 2. Typing a query (the keyboard way: "/" focuses the box).
  await page.keyboard.press("/");
  await page.keyboard.type("ceasefire");
  await page.keyboard.press("Enter");
  await page.waitForURL(/q=ceasefire/);
  await settled();
  const query = await api("q=ceasefire");
  assert.equal(await shownTotal(), query.total, "query total");
  assert.deepEqual(await shownIds(), query.hits.map((hit) => hit.id), "query hits");
  assert.ok(query.total < everything.total, "the query narrows the results");
  assert.ok((await page.$$("#hits mark")).length > 0, "snippets mark the query");

  // 3. Ticking a party whose count is below the total: the page's total becomes that count.
  const party = query.facets.party.find((facet) => facet.count < query.total);
  assert.ok(party, "some party narrows the query");
  await page.check(`input[data-group="party"][value="${party.value}"]`);
  await page.waitForURL(new RegExp(`party=${party.value}`));
  await settled();
  assert.equal(await shownTotal(), party.count, "the ticked party's count was the new total");
  const ticked = await api(`q=ceasefire&party=${party.value}`);
  assert.deepEqual(await shownIds(), ticked.hits.map((hit) => hit.id), "hits after the tick");
  // Disjunctive: the other parties are still offered, with the counts the API gives.
  const partyCounts = await page.$$eval('[data-group="party"] .count', (counts) =>
    counts.map((count) => Number(count.dataset.count)),
  );
  assert.deepEqual(partyCounts.slice(0, ticked.facets.party.length),
    ticked.facets.party.map((facet) => facet.count).slice(0, partyCounts.length));
  assert.ok(partyCounts.length > 1, "other parties stay listed");
  // The export link of the search on screen gives every hit of it.
  const exportHref = await page.getAttribute("#export-jsonl", "href");
  const exported = (await (await fetch(base + exportHref)).text()).trim().split("\n");
  assert.equal(exported.length, party.count, "the export holds the search's hits");
  await page.screenshot({ path: screenshot });

  // 4. Clicking a year on the timeline narrows the dates to it.
  const bucket = await page.$("#timeline .bucket[tabindex='0']");
  const key = await bucket.getAttribute("data-key");
  await bucket.click();
  await page.waitForURL(new RegExp(`from=${key}`));
  await settled();
  assert.equal(await page.inputValue("#from"), key);
  const narrowed = await api(`q=ceasefire&party=${party.value}&from=${key}&to=${key}`);
  assert.equal(await shownTotal(), narrowed.total, "timeline narrowing");

  // 5. A document page, then back to the same results.
  const first = (await shownIds())[0];
  await page.click("#hits .hit h3 a");
  await page.waitForURL(/doc=/);
  await page.waitForSelector("#document-view h1");
  const doc = await (await fetch(`${base}/api/documents/${first}`)).json();
  assert.equal(await page.textContent("#document-view h1"), doc.title);
  assert.ok(!(await page.isVisible("#search-view")), "the search view hides behind a document");
  const shown = await page.textContent("#document-view");
  assert.ok(!/\[object |\bnull\b|undefined/.test(shown), `stray text in the document view: ${shown}`);
  if (doc.date) assert.ok(shown.includes(doc.date), "the document's date is shown");
  for (const party of doc.parties) assert.ok(shown.includes(party.label), `party ${party.label}`);
  await page.waitForSelector("#similar li, #similar p:not(:empty)");
  await page.goBack();
  await page.waitForURL(/q=ceasefire/);
  await settled();
  assert.equal(await shownTotal(), narrowed.total, "back restores the search");

  // 6. Suggestions as one types: arrow down to the venue and Enter filters by it.
  await page.fill("#q", "");
  await page.click("#q");
  await page.keyboard.type("istan");
  await page.waitForSelector("#suggestions li");
  const suggested = await page.$$eval("#suggestions li", (items) => items.map((item) => item.textContent));
  assert.ok(suggested.some((text) => text.includes("Istanbul")), `suggestions: ${suggested}`);
  const position = suggested.findIndex((text) => text.includes("Istanbul"));
  for (let i = 0; i <= position; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForURL(/venue=istanbul/);
  await settled();
  const venue = await api(`party=${party.value}&venue=istanbul&from=${key}&to=${key}`);
  assert.equal(await shownTotal(), venue.total, "the suggested venue filters");
  assert.equal(await page.inputValue("#q"), "", "a picked facet replaces the typed text");

  // 7. "Any may match" turns a sentence that no document holds in full into ranked hits.
  await page.goto(base + "/?q=ceasefire+talks+about+grain");
  await settled();
  assert.equal(await shownTotal(), 0, "every word must match by default");
  await page.selectOption("#match", "any");
  await settled();
  const anyWords = await api("q=ceasefire+talks+about+grain&match=any&limit=20");
  assert.ok(anyWords.total > 0);
  assert.equal(await shownTotal(), anyWords.total, "any word");
  assert.deepEqual(await shownIds(), anyWords.hits.map((hit) => hit.id).slice(0, (await shownIds()).length));
  await page.selectOption("#match", "all");
  await settled();

  // 7b. Syntax is never an error: what was read differently shows under the count.
  await page.goto(base + "/?q=%22ceasefire+AND");
  await settled();
  const repaired = await api("q=%22ceasefire+AND&limit=20");
  assert.equal(await shownTotal(), repaired.total, "a lone quote and AND are read around");
  assert.match(await page.textContent("#status .notice"), /has no partner/);

  // 7c. Another spelling is found and said; a query that finds nothing offers the nearest one
  // that does, as a link.
  await page.goto(base + "/?q=ceasfire");
  await settled();
  const misspelt = await api("q=ceasfire&limit=20");
  assert.ok(misspelt.total > 0, "one edit away finds ceasefire");
  assert.equal(await shownTotal(), misspelt.total);
  assert.match(await page.textContent("#status .typos"), /ceasfire: also ceasefire/);
  await page.goto(base + "/?q=Oslo+ceasefire");
  await settled();
  assert.equal(await shownTotal(), 0);
  const nearest = (await api("q=Oslo+ceasefire&limit=20")).did_you_mean;
  assert.ok(nearest && nearest.total > 0, "a suggestion that finds something");
  assert.equal(await page.textContent("#did-you-mean"), nearest.q);
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-did-you-mean.png") });
  await page.click("#did-you-mean");
  await settled();
  assert.equal(await shownTotal(), nearest.total, "the suggestion finds what it said");
  assert.equal(await page.inputValue("#q"), nearest.q);

  // 8. A bad date is explained, not a blank page.
  await page.fill("#from", "2022-13");
  await page.press("#from", "Tab");
  await page.waitForSelector("#status .error");
  assert.match(await page.textContent("#status .error"), /month/);

  // 9. A server with an API key: the page asks for it, says when it is wrong, then searches
  // with it; the export link still downloads every hit.
  if (keyedBase) {
    await page.goto(keyedBase + "/");
    await page.waitForSelector("#key-form:not([hidden])");
    assert.match(await page.textContent("#key-note"), /needs an API key/);
    await page.fill("#api-key", "not-the-key");
    await page.press("#api-key", "Enter");
    await page.waitForFunction(() => /refused/.test(document.querySelector("#key-note").textContent)
      && !document.querySelector("#key-form").hidden);
    await page.fill("#api-key", apiKey);
    await page.press("#api-key", "Enter");
    await settled();
    assert.equal(await shownTotal(), everything.total, "the keyed server searches with the key");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-jsonl")]);
    const saved = await download.path();
    const { readFileSync } = await import("node:fs");
    const rows = readFileSync(saved, "utf8").trim().split("\n");
    assert.equal(rows.length, everything.total, "the keyed export holds every hit");
  }

  assert.deepEqual(errors.filter((error) => !/status of 40[01]/.test(error)), [], "no script errors");
  console.log(`search page: ok (${query.total} hits for ceasefire, ${party.count} with ${party.value})`);
} finally {
  await browser.close();
}
