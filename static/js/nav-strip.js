// On a phone the list of pages at the top (components/widgets.py, site_top) is one row to swipe, and the
// page shown may be beyond its right edge: bring it into the row's view, without moving the page. The row's
// marked link starts a tiny animation in the phone's layout only (static/css/app.css), so this runs once
// each time that link is drawn, and never on a wide screen.
document.addEventListener('animationstart', (event) => {
  if (event.animationName !== 'ls-nav-current') return;
  const link = event.target;
  const row = link.closest('ul');
  if (!row) return;
  const offset = link.getBoundingClientRect().left - row.getBoundingClientRect().left;
  row.scrollLeft += offset - (row.clientWidth - link.offsetWidth) / 2;
});
