/* Review workbench: keyboard shortcuts and the side-by-side photo zoom. No dependencies. */
(function () {
  "use strict";
  var form = document.getElementById("decide-form");
  var reason = document.getElementById("reason");
  var hint = document.getElementById("reason-hint");
  var nextForm = document.getElementById("next-form");
  var queueLink = document.getElementById("queue-link");
  var box = document.getElementById("lightbox");

  function typing(el) {
    return el && (el.tagName === "INPUT" && el.type !== "radio" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }

  function choose(value) {
    if (!form) return;
    var radio = form.querySelector('input[name="decision"][value="' + value + '"]');
    if (!radio || radio.disabled) return;
    radio.checked = true;
    syncReason();
    reason.focus();
  }

  function syncReason() {
    if (!form) return;
    var checked = form.querySelector('input[name="decision"]:checked');
    var isReject = checked && checked.value === "reject";
    reason.required = !!isReject;
    if (hint) hint.textContent = isReject ? "（排除必填，按 Enter 提交）" : (checked ? "（可选，按 Enter 提交）" : "（排除必填）");
    form.classList.toggle("chosen", !!checked);
  }

  if (form) {
    form.addEventListener("change", syncReason);
    form.addEventListener("submit", function (e) {
      if (!form.querySelector('input[name="decision"]:checked')) {
        e.preventDefault();
        if (hint) hint.textContent = "（请先选择 排除 / 待核实 / 提请比对 / 确认）";
      }
    });
    var chips = document.getElementById("reason-chips");
    if (chips) chips.addEventListener("click", function (e) {
      var t = e.target.closest("[data-reason]");
      if (!t) return;
      reason.value = reason.value ? reason.value + "；" + t.dataset.reason : t.dataset.reason;
      if (!form.querySelector('input[name="decision"]:checked')) choose("reject");
      reason.focus();
    });
  }

  // Side-by-side zoom: the clicked photo on its side, the first (or last chosen) on the other.
  var left = document.getElementById("lb-left"), right = document.getElementById("lb-right");
  function firstOf(side) {
    var a = document.querySelector('a.zoom[data-side="' + side + '"]');
    return a ? a.getAttribute("href") : "";
  }
  function setImg(img, src) {
    if (!img) return;
    if (src) { img.src = src; img.parentNode.hidden = false; } else { img.removeAttribute("src"); img.parentNode.hidden = true; }
  }
  function openZoom(side, href) {
    if (!box) return;
    if (side === "left") { setImg(left, href); if (!right.getAttribute("src")) setImg(right, firstOf("right")); }
    else { setImg(right, href); if (!left.getAttribute("src")) setImg(left, firstOf("left")); }
    box.hidden = false;
  }
  function closeZoom() { if (box) box.hidden = true; }
  document.addEventListener("click", function (e) {
    var a = e.target.closest("a.zoom");
    if (a) { e.preventDefault(); openZoom(a.dataset.side, a.getAttribute("href")); return; }
    if (box && !box.hidden && (e.target === box || e.target.closest("#lb-close"))) closeZoom();
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") {
      if (box && !box.hidden) { closeZoom(); return; }
      if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      if (form) { form.querySelectorAll('input[name="decision"]').forEach(function (r) { r.checked = false; }); syncReason(); }
      return;
    }
    if (typing(e.target)) return;
    var k = e.key.toLowerCase();
    if (k === "x") { e.preventDefault(); choose("reject"); }
    else if (k === "c") { e.preventDefault(); choose("needs_contact"); }
    else if (k === "d") { e.preventDefault(); choose("needs_comparison"); }
    else if (k === "y") { e.preventDefault(); choose("confirm"); }
    else if ((k === "n" || k === "j") && nextForm) { e.preventDefault(); nextForm.submit(); }
    else if (k === "q" && queueLink) { e.preventDefault(); location.href = queueLink.href; }
  });
})();
