/*
 * Article tools, progressive enhancement: font size (A− A A+, remembered in localStorage), print,
 * copy link. The buttons stay hidden without JavaScript, since they could do nothing then.
 * External file, no inline script: the site ships a strict Content-Security-Policy.
 */
(function () {
  var KEY = "phuninh:font-scale";
  var STEPS = [0.875, 1, 1.125, 1.25, 1.375, 1.5];
  var root = document.documentElement;

  function readIndex() {
    var stored;
    try {
      stored = Number(localStorage.getItem(KEY));
    } catch {
      stored = NaN;
    }
    var index = STEPS.indexOf(stored);
    return index >= 0 ? index : 1;
  }

  function apply(index) {
    root.style.setProperty("--scale", String(STEPS[index]));
    try {
      if (index === 1) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(STEPS[index]));
    } catch {
      /* private mode: the size still applies to this page */
    }
    var buttons = document.querySelectorAll("[data-font-step]");
    for (var i = 0; i < buttons.length; i++) {
      var step = Number(buttons[i].getAttribute("data-font-step"));
      // aria-disabled, not disabled: a disabled button drops the focus of the reader who pressed it.
      var atLimit = (step < 0 && index === 0) || (step > 0 && index === STEPS.length - 1);
      buttons[i].setAttribute("aria-disabled", String(atLimit));
      if (step === 0) buttons[i].setAttribute("aria-pressed", String(index === 1));
    }
  }

  var current = readIndex();
  apply(current);

  var tools = document.querySelector("[data-article-tools]");
  if (tools) {
    tools.hidden = false;
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-print")) {
        window.print();
        return;
      }
      if (button.getAttribute("aria-disabled") === "true") return;
      var step = Number(button.getAttribute("data-font-step"));
      current = step === 0 ? 1 : Math.min(STEPS.length - 1, Math.max(0, current + step));
      apply(current);
    });
  }

  // The day of printing beside the article's address, in Vietnam time, as a printout is filed.
  var printDate = document.querySelector("[data-print-date]");
  if (printDate) {
    window.addEventListener("beforeprint", function () {
      var day = new Intl.DateTimeFormat("vi-VN", {
        timeZone: "Asia/Ho_Chi_Minh",
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
      }).format(new Date());
      printDate.textContent = " – In ngày " + day;
    });
  }

  var copy = document.querySelector("[data-copy-link]");
  var status = document.querySelector(".share-status");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-copy-link")).then(
        function () {
          if (status) status.textContent = "Đã sao chép liên kết.";
        },
        function () {
          if (status) status.textContent = "Không sao chép được, hãy chép địa chỉ trên thanh trình duyệt.";
        },
      );
    });
  }
})();
