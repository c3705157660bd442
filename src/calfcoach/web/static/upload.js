// Activity upload: drag and drop or pick files; each is sent with its own progress bar value.
"use strict";
(function () {
  const zone = document.getElementById("upload");
  if (!zone) return;
  const bar = document.getElementById("upload-progress");
  const report = document.getElementById("upload-report");
  function send(file) {
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      const form = new FormData();
      form.append("file", file);
      request.open("POST", zone.dataset.url);
      request.setRequestHeader("x-csrf-token", zone.dataset.csrf);
      request.upload.onprogress = (event) => { if (event.lengthComputable) bar.value = (100 * event.loaded) / event.total; };
      request.onload = () => {
        const line = document.createElement("p");
        let answer = {};
        try { answer = JSON.parse(request.responseText); } catch (e) { /* not JSON */ }
        line.textContent = request.status < 300 ? `${file.name}: imported` : `${file.name}: ${(answer.error && answer.error.message) || request.status}`;
        report.append(line);
        resolve();
      };
      request.onerror = () => { const line = document.createElement("p"); line.textContent = `${file.name}: no connection`; report.append(line); resolve(); };
      request.send(form);
    });
  }
  async function upload(files) {
    bar.hidden = false;
    for (const file of files) { bar.value = 0; await send(file); }
    bar.hidden = true;
    if (window.htmx) htmx.ajax("GET", location.pathname, { target: "#activity-list", select: "#activity-list", swap: "outerHTML" });
  }
  document.getElementById("files").addEventListener("change", (event) => upload(event.target.files));
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => { event.preventDefault(); zone.classList.remove("over"); upload(event.dataTransfer.files); });
})();
