// Draw every chart of the page from its Vega-Lite spec (the same spec the CLI exports as PNG or SVG).
"use strict";
function drawCharts(root) {
  root.querySelectorAll(".vega[data-spec]").forEach((element) => {
    if (element.dataset.drawn) return;
    const source = document.getElementById(element.dataset.spec);
    if (!source || typeof vegaEmbed !== "function") return;
    element.dataset.drawn = "1";
    const spec = JSON.parse(source.textContent);
    vegaEmbed(element, spec, { actions: { export: true, source: false, compiled: false, editor: false }, renderer: "svg" })
      .then(() => {
        // vega-embed's menu button is an icon alone: give it a name a screen reader can say.
        const menu = element.querySelector("details > summary");
        if (menu) menu.setAttribute("aria-label", "Save this chart as an image");
      })
      .catch((error) => { element.textContent = "This chart could not be drawn: " + error.message; });
  });
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => drawCharts(document));
} else {
  drawCharts(document);
}
document.addEventListener("htmx:load", (event) => drawCharts(event.target));
