// The plan reader: bring the paragraph named by ?p=ID (or #ID) into view and highlight it.
// The page works without this script: every paragraph is an anchor and :target highlights it.
(() => {
  const params = new URLSearchParams(window.location.search);
  const wanted = params.get("p") || decodeURIComponent((window.location.hash || "").slice(1));
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(wanted || "") || wanted.length > 40) return;
  let tries = 0;
  const show = () => {
    const el = document.getElementById(wanted);
    if (!el) {
      if (tries++ < 60) window.setTimeout(show, 100);
      return;
    }
    document.querySelectorAll(".ls-para.ls-target").forEach((e) => e.classList.remove("ls-target"));
    el.classList.add("ls-target");
    el.setAttribute("tabindex", "-1");
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
  };
  show();
})();
