// Draw every chart of the page from its Vega-Lite spec (the same spec the CLI exports as PNG or SVG).
// Loaded on every page: a page reached by a boosted link gets only its body swapped in, so the chart
// libraries are loaded here, once, when a page first has a chart (their addresses are on the chart).
"use strict";
let chartLibraries = null;

function loadChartLibraries(sources) {
  if (typeof vegaEmbed === "function") return Promise.resolve();
  if (!chartLibraries) {
    chartLibraries = Promise.all(sources.map((src) => new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.async = false; // fetched together, run in order: vega-lite needs vega, vega-embed both
      script.onload = resolve;
      script.onerror = () => reject(new Error(say("could not load {file}", { file: src })));
      document.head.appendChild(script);
    })));
    chartLibraries.catch(() => { chartLibraries = null; }); // the next page with a chart tries again
  }
  return chartLibraries;
}

// Month and day names and the decimal sign of the page's language, for Vega's axes and tooltips (d3's
// en-US and de-DE locales). Set on every chart: Vega keeps the last one for the whole page's life.
const CHART_LOCALES = {
  en: {
    formatLocale: { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] },
    timeFormatLocale: {
      dateTime: "%x, %X", date: "%-m/%-d/%Y", time: "%-I:%M:%S %p", periods: ["AM", "PM"],
      days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
      shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
      months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
      shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    },
  },
  de: {
    formatLocale: { decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0€"] },
    timeFormatLocale: {
      dateTime: "%A, der %e. %B %Y, %X", date: "%d.%m.%Y", time: "%H:%M:%S", periods: ["AM", "PM"],
      days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
      shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
      months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
      // CLDR's abbreviations, with their point ("1. Nov.", the day's format in charts/_common.py)
      shortMonths: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    },
  },
};

function drawChart(element) {
  const source = document.getElementById(element.dataset.spec);
  if (!source) return;
  const spec = JSON.parse(source.textContent);
  const locale = CHART_LOCALES[document.documentElement.lang] || CHART_LOCALES.en;
  vegaEmbed(element, spec, { actions: { export: true, source: false, compiled: false, editor: false }, renderer: "svg", ...locale })
    .then(() => {
      // vega-embed's menu button is an icon alone: give it a name a screen reader can say.
      const menu = element.querySelector("details > summary");
      if (menu) menu.setAttribute("aria-label", say("Save this chart as an image"));
    })
    .catch((error) => { element.textContent = say("This chart could not be drawn: {why}", { why: error.message }); });
}

function drawCharts(root) {
  const pending = [...root.querySelectorAll(".vega[data-spec]")].filter((element) => !element.dataset.drawn);
  if (!pending.length) return;
  pending.forEach((element) => { element.dataset.drawn = "1"; });
  loadChartLibraries(pending[0].dataset.libraries.split(" "))
    .then(() => pending.forEach(drawChart))
    .catch((error) => pending.forEach((element) => {
      element.dataset.drawn = "";
      element.textContent = say("The charts could not be drawn: {why}", { why: error.message });
    }));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => drawCharts(document));
} else {
  drawCharts(document);
}
document.addEventListener("htmx:load", (event) => drawCharts(event.target));
