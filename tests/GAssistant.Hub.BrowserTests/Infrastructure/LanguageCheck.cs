using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;

namespace GAssistant.Hub.BrowserTests.Infrastructure;

/// <summary>
/// Reads everything a person can read on a page (text, aria-label, placeholder, title, alt, the document title) and
/// says what is in the wrong language or the wrong digits. On an Arabic page a Latin word is allowed only as a brand
/// name, as data (what the hub stores from Odoo and Meta), inside a Unicode isolate (U+2068…U+2069: configuration
/// keys, addresses), inside <c>code</c>, <c>[translate=no]</c> or an element whose <c>lang</c> is another language.
/// On an English page no Arabic word is allowed outside those. Eastern Arabic digits are wrong on both: the hub
/// writes Latin digits in both languages (docs/localization.md).
/// </summary>
public static class LanguageCheck
{
    /// <summary>Names written as their owners spell them, in both languages.</summary>
    public static readonly string[] Brands = ["G-Assistant", "Odoo", "Meta", "CSV", "API", "Graph", "SMTP", "BigQuery", "cron", "English"];

    private const string Script = """
        ({ lang, allowed }) => {
          const allow = new Set(allowed.map(w => w.toLowerCase()));
          const problems = new Set();
          const skipped = el => !el || el.closest('[translate=no], code, script, style, noscript, svg title')
            || [...[el.closest('[lang]')]].some(l => l && l.getAttribute('lang') !== lang);
          const strip = t => t.replace(/\u2068[^\u2069]*\u2069/g, ' ').replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ')
            .replace(/(^|\s)\/\S*/g, ' ');
          const check = (text, where) => {
            if (!text || !text.trim()) return;
            if (/[\u0660-\u0669\u06F0-\u06F9]/.test(text)) problems.add(`Eastern Arabic digits in ${where}: "${text.trim().slice(0, 80)}"`);
            const t = strip(text);
            if (lang === 'ar') {
              for (const word of t.match(/[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]{2,}/g) ?? []) {
                const parts = word.split(/[-']/);
                if (!allow.has(word.toLowerCase()) && !parts.every(p => allow.has(p.toLowerCase())))
                  problems.add(`English "${word}" in ${where}: "${text.trim().slice(0, 80)}"`);
              }
            } else {
              for (const word of t.match(/[\u0621-\u065F\u0670-\u06D3]+/g) ?? []) {
                if (!allow.has(word)) problems.add(`Arabic "${word}" in ${where}: "${text.trim().slice(0, 80)}"`);
              }
            }
          };
          const name = el => `${el.tagName.toLowerCase()}${el.dataset.testid ? '[' + el.dataset.testid + ']' : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''}`;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!skipped(node.parentElement)) check(node.data, name(node.parentElement));
          }
          for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
            if (skipped(el)) continue;
            for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (el.hasAttribute(a)) check(el.getAttribute(a), `${name(el)} @${a}`);
          }
          check(document.title, 'title');
          return [...problems];
        }
        """;

    /// <summary>
    /// Every word of the hub's data (lead, customer, stage, source and campaign names, event types, currencies), Latin or
    /// Arabic: what Odoo and Meta hold is shown as they hold it, in whichever language it was typed.
    /// </summary>
    public static async Task<string[]> DataWordsAsync(HubFactory hub)
    {
        var texts = await hub.WithDbAsync(async db =>
        {
            var leads = await db.Leads.AsNoTracking().Select(l => new[] { l.Name, l.PartnerName, l.Source, l.Campaign, l.StageName, l.Currency, l.Medium }).ToListAsync();
            var campaigns = await db.MetaCampaigns.AsNoTracking().Select(c => new[] { c.Name, c.Objective }).ToListAsync();
            var events = await db.InboxEvents.AsNoTracking().Select(e => new[] { e.Source, e.EventType }).ToListAsync();
            return leads.Concat(campaigns).Concat(events).SelectMany(t => t).ToList();
        });
        return texts.Concat(Brands).OfType<string>()
            .SelectMany(t => System.Text.RegularExpressions.Regex.Split(t, @"[^\p{L}\p{Mn}]+"))
            .Where(w => w.Length > 0).Distinct().ToArray();
    }

    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page, string language, string[] allowed) =>
        await page.EvaluateAsync<string[]>(Script, new { lang = language, allowed });

    /// <summary>
    /// Tables that scroll sideways or hide their last column: each table must fit the box it scrolls in, and its last
    /// visible header must end inside the screen.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ClippedTablesAsync(IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
          const out = [];
          const w = document.documentElement.clientWidth;
          for (const table of document.querySelectorAll('table')) {
            if (!table.offsetParent) continue;
            const name = table.closest('[data-testid]')?.dataset.testid ?? table.className;
            let box = table.parentElement;
            while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
            if (box && box !== document.body && box.scrollWidth > box.clientWidth + 1) out.push(`${name}: ${box.scrollWidth}px of table in ${box.clientWidth}px`);
            const heads = [...table.querySelectorAll('thead th')].filter(th => th.offsetParent);
            const last = heads[heads.length - 1];
            if (last) { const r = last.getBoundingClientRect(); if (r.right > w + 1 || r.left < -1) out.push(`${name}: last column "${last.innerText}" off screen`); }
          }
          return out;
        }
        """);
}
