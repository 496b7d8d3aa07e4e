// How the map reads: popups that fit, a legend that folds, credits, a title for screen
// readers. Created by geo/render/map_reading.py, once per map.
//
// Popups never move the map (the view a person chose stays in the link): a popup opens
// above its point, or below it where there is more room, is shifted sideways to stay in the
// map, keeps clear of the controls (legend, time control, layers), and scrolls inside
// when it is taller than the room left.
(function () {
  if (window.L && L.incidentMapReading) { return; }

  var MARGIN = 8, TIP = 14, MIN_HEIGHT = 90;

  // Boxes of the map's visible controls, in map container pixels.
  function obstacles(map) {
    var origin = map.getContainer().getBoundingClientRect(), boxes = [];
    var controls = map.getContainer().querySelectorAll(".leaflet-control");
    for (var i = 0; i < controls.length; i++) {
      var r = controls[i].getBoundingClientRect();
      if (r.width && r.height) {
        boxes.push([r.left - origin.left, r.top - origin.top, r.right - origin.left,
                    r.bottom - origin.top]);
      }
    }
    return boxes;
  }

  // Free vertical room above and below the point for a box spanning [left, right]; none
  // where a control covers the point's own height there.
  function room(boxes, left, right, y, height) {
    var top = MARGIN, bottom = height - MARGIN;
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      if (b[0] >= right || b[2] <= left) { continue; }
      if (b[3] <= y) { top = Math.max(top, b[3] + MARGIN); }
      else if (b[1] >= y) { bottom = Math.min(bottom, b[1] - MARGIN); }
      else { return {above: 0, below: 0}; }
    }
    return {above: y - TIP - top, below: bottom - y - TIP};
  }

  // Where the box goes: its shift sideways (inside the map, clear of controls where it
  // can be, the tip still on the box) and whether it opens below the point.
  function layout(map, point, width, natural) {
    var size = map.getSize(), boxes = obstacles(map);
    var limit = Math.max(0, width / 2 - 24), centre = point.x - width / 2;
    var lefts = [Math.min(Math.max(centre, MARGIN), size.x - MARGIN - width)];
    boxes.forEach(function (b) { lefts.push(b[2] + MARGIN, b[0] - MARGIN - width); });
    var best = null;
    lefts.forEach(function (left) {
      var shift = Math.round(left - centre);
      if (Math.abs(shift) > limit || left < 0 || left + width > size.x) { return; }
      var free = room(boxes, left, left + width, point.y, size.y);
      var below = natural > free.above && free.below > free.above;
      var fits = Math.min(natural, below ? free.below : free.above);
      if (!best || fits > best.fits + 0.5) {
        best = {shift: shift, below: below, fits: fits};
      }
    });
    return best || {shift: 0, below: false, fits: natural};
  }

  // Lay out and position the popup without setting its content again (popup.update()
  // would: an opened "More" would close, a scrolled popup jump back).
  function reposition(popup, shift, dy) {
    popup.options.offset = L.point(shift, 7 + dy);
    popup._updateLayout();
    popup._updatePosition();
  }

  function place(map, popup) {
    var container = popup.getElement();
    if (!container || !map.hasLayer(popup)) { return; }
    var wrapper = container.querySelector(".leaflet-popup-content-wrapper");
    var content = container.querySelector(".leaflet-popup-content");
    var tip = container.querySelector(".leaflet-popup-tip-container");
    content.style.maxHeight = "";
    content.style.overflowY = "";
    container.classList.remove("im-popup-below");
    tip.style.marginLeft = "";
    reposition(popup, 0, 0);
    var point = map.latLngToContainerPoint(popup.getLatLng());
    var natural = wrapper.offsetHeight;
    var chosen = layout(map, point, wrapper.offsetWidth, natural);
    var below = chosen.below, shift = chosen.shift;
    var height = Math.max(MIN_HEIGHT, chosen.fits);
    if (natural > height) {
      var chrome = natural - content.offsetHeight;
      content.style.maxHeight = Math.max(40, height - chrome) + "px";
      content.style.overflowY = "auto";
    }
    if (below) { container.classList.add("im-popup-below"); }
    tip.style.marginLeft = (-20 - shift) + "px";
    reposition(popup, shift, 0);
    // measured correction: the box's edge exactly TIP px from the point
    var origin = map.getContainer().getBoundingClientRect();
    var box = wrapper.getBoundingClientRect();
    var dy = below ? (point.y + TIP) - (box.top - origin.top)
      : (point.y - TIP) - (box.bottom - origin.top);
    reposition(popup, shift, Math.round(dy));
    popup._incidentPlaced = true;
  }

  function foldLegend(map, small) {
    var legend = map.getContainer().querySelector("details.im-legend");
    if (legend && small) { legend.open = false; }
  }

  // The legend shows the sections of the layers that are on the map.
  function followLayers(map) {
    function toggle(name, shown) {
      var sections = map.getContainer().querySelectorAll(".im-legend-section");
      for (var i = 0; i < sections.length; i++) {
        if (sections[i].getAttribute("data-layer") === name) {
          sections[i].style.display = shown ? "" : "none";
        }
      }
    }
    map.on("overlayadd", function (e) { toggle(e.name, true); });
    map.on("overlayremove", function (e) { toggle(e.name, false); });
  }

  L.incidentMapReading = function (map, options) {
    window.incidentMap = map;  // for the updates the app sends (geo/render/map_updates.py)
    L.Popup.prototype.options.autoPan = false;
    map.on("popupopen", function (e) {
      var popup = e.popup, element = popup.getElement();
      place(map, popup);
      if (element && !element._incidentToggle) {
        element._incidentToggle = true;  // "More" opened or closed: the size changed
        element.addEventListener("toggle", function () { place(map, popup); }, true);
      }
    });
    map.on("zoomend moveend resize", function () {
      map.eachLayer(function (layer) {
        if (layer instanceof L.Popup && layer._incidentPlaced) { place(map, layer); }
      });
    });
    var size = map.getSize();
    foldLegend(map, size.y < options.foldBelowHeight || size.x < options.foldBelowWidth);
    followLayers(map);
    if (map.attributionControl) {
      map.attributionControl.setPrefix(options.prefix);
      options.credits.forEach(function (text) { map.attributionControl.addAttribution(text); });
    }
    if (!document.title) { document.title = options.title; }
    try {
      if (window.frameElement) { window.frameElement.title = options.title; }
    } catch (error) {
      // another origin's page holds the map: it names its frame itself
    }
    map.getContainer().setAttribute("aria-label", options.title);
  };
})();
