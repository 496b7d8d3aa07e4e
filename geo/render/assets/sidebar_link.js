// The app's sidebar date window, followed by the map as it changes: no page rerun between
// the sidebar and the map. Created by geo/render/sidebar_link.py for the app's live map
// when the map holds every date (the window is applied in the page).
//
// The map's frame and the app's page share their origin, so the map watches the sidebar's
// date widgets (the slider's two thumbs, the From and To date fields: their ARIA values,
// which the widgets keep current) and narrows itself at once; the rerun Streamlit starts
// for the same change then brings the table, the counts and the timeline, and sends the
// same window to the map (geo/render/map_updates.py), which changes nothing. Enter in a
// date field commits it, as leaving the field does. Where the widgets cannot be found the
// map simply waits for the rerun.
(function () {
  if (window.L && L.incidentSidebarLink) { return; }

  var DAY_MS = 86400000, DAY_US = 86400000000;

  function dayOfField(group) {
    if (!group) { return null; }
    var parts = {}, spins = group.querySelectorAll("[role=spinbutton]");
    for (var i = 0; i < spins.length; i++) {
      parts[spins[i].getAttribute("data-type")] = +spins[i].getAttribute("aria-valuenow");
    }
    if (!(parts.year >= 1000 && parts.month >= 1 && parts.day >= 1)) { return null; }
    var time = Date.UTC(parts.year, parts.month - 1, parts.day);
    // 31 February and the like: not a date yet
    if (new Date(time).getUTCDate() !== parts.day) { return null; }
    return Math.round(time / DAY_MS);
  }

  L.incidentSidebarLink = function (options) {
    var doc;
    try {
      doc = window.parent !== window ? window.parent.document : null;
    } catch (error) {
      return;  // another origin's page: nothing to follow
    }
    if (!doc) { return; }
    var applied = null;

    function field(label) {
      return doc.querySelector("[role=group][aria-label='" + label + "']");
    }

    function apply(from, to) {
      var control = window.incidentTimeControl;
      if (from === null || to === null || !control) { return; }
      if (from > to) { var swap = from; from = to; to = swap; }
      var key = from + ":" + to;
      if (key === applied || (from === control.minDay && to === control.maxDay)) {
        applied = key;
        return;
      }
      applied = key;
      control.setBounds(from, to);
      window.incidentSidebarLinkApplied = (window.incidentSidebarLinkApplied || 0) + 1;
    }

    function thumb(which) {
      return doc.querySelector("input[type=range][aria-label='" + options.slider + " — " +
                               which + "']");
    }

    function fromSlider() {
      var start = thumb("start"), end = thumb("end");
      if (start && end) {
        apply(Math.round(+start.value / DAY_US), Math.round(+end.value / DAY_US));
      }
    }

    function fromFields() {
      apply(dayOfField(field(options.from)), dayOfField(field(options.to)));
    }

    var observer = new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i++) {
        var target = mutations[i].target;
        if (target === thumb("start") || target === thumb("end")) {
          fromSlider();
          return;
        }
        if (target.getAttribute && target.getAttribute("role") === "spinbutton") {
          var group = target.closest("[role=group]");
          var label = group && group.getAttribute("aria-label");
          if (label === options.from || label === options.to) { fromFields(); return; }
        }
      }
    });
    observer.observe(doc.body, {subtree: true, attributes: true,
                                attributeFilter: ["aria-valuenow", "aria-valuetext"]});

    // Enter in a date field commits it, as leaving it does (Streamlit commits when the
    // focus moves to another element): the focus steps out to the slider and back.
    function commitOnEnter(event) {
      if (event.key !== "Enter") { return; }
      var segment = event.target, group = segment.closest && segment.closest("[role=group]");
      var label = group && group.getAttribute("aria-label");
      var outside = thumb("start");
      if ((label === options.from || label === options.to) && outside) {
        event.preventDefault();
        outside.focus({preventScroll: true});
        segment.focus({preventScroll: true});
      }
    }
    // one listener per page: the one of the map drawn last (a map frame that is replaced
    // takes its own away)
    if (doc._incidentEnterCommits) {
      doc.removeEventListener("keydown", doc._incidentEnterCommits, true);
    }
    doc._incidentEnterCommits = commitOnEnter;
    doc.addEventListener("keydown", commitOnEnter, true);
    window.addEventListener("pagehide", function () {
      observer.disconnect();
      if (doc._incidentEnterCommits === commitOnEnter) {
        doc.removeEventListener("keydown", commitOnEnter, true);
        doc._incidentEnterCommits = null;
      }
    });
  };
})();
