// One canvas layer for many points, fed by base64 typed arrays (no DOM node per point).
// Defined once per page; each layer instance is created by geo/render/canvas_points.py.
// Speed at 100,000 points: points are grouped by style once, the date window is a mask
// computed once per setWindow, pixel positions are cached per zoom level, each style's
// symbol is painted once and stamped, points adding nothing visible (same style, same
// pixel; for big symbols the same few pixels) are skipped, and window changes are drawn
// at most once per animation frame.
(function () {
  if (window.L && L.IncidentCanvas) { return; }

  function decode(base64, ArrayType) {
    if (base64 === null || base64 === undefined) { return null; }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return new ArrayType(bytes.buffer);
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  var SELECT_ZOOM = 7;  // a point chosen in the table is shown at least this close
  var PANE_Z = {settlements: 430, infrastructure: 440};  // incidents above sites above places
  var CONTEXT_LABEL_FONT = "400 10.5px sans-serif";
  var LABEL_FONT = "600 11px sans-serif", LABEL_HEIGHT = 14, CLICK_TOLERANCE_PX = 4;
  // [dx, dy] of a label's place around its point: right first, then left, above, below
  var LABEL_PLACES = [[1, 0], [1, -1], [1, 1], [-1, 0], [-1, -1], [-1, 1], [0, -1], [0, 1]];

  function overlapsAny(box, boxes) {
    for (var b = 0; b < boxes.length; b++) {
      var o = boxes[b];
      if (o[0] < box[2] && o[2] > box[0] && o[1] < box[3] && o[3] > box[1]) { return true; }
    }
    return false;
  }

  // The label boxes a layer's labels must leave free: none for the map's own layers (sites),
  // those the clickable layers drew for a context layer (settlements), whose labels give way.
  function labelsToAvoid(map, layer) {
    var boxes = [];
    if (layer.clickable) { return boxes; }
    map.eachLayer(function (other) {
      if (other instanceof L.IncidentCanvas && other.clickable && other.labelsDrawn) {
        for (var i = 0; i < other.labelsDrawn.length; i++) { boxes.push(other.labelsDrawn[i][1]); }
      }
    });
    return boxes;
  }

  // Indices sorted by style (a counting sort): one contiguous run per style.
  function groupByStyle(style, styleCount) {
    var offsets = new Uint32Array(styleCount + 1), order = new Uint32Array(style.length);
    for (var i = 0; i < style.length; i++) { offsets[style[i] + 1]++; }
    for (var s = 0; s < styleCount; s++) { offsets[s + 1] += offsets[s]; }
    var next = offsets.slice(0, styleCount);
    for (var j = 0; j < style.length; j++) { order[next[style[j]]++] = j; }
    return {order: order, offsets: offsets};
  }

  L.IncidentCanvas = L.Layer.extend({
    initialize: function (spec) {
      this.key = spec.key;
      this.title = spec.title;
      this.minZoom = spec.minZoom || 0;   // nothing is drawn below this zoom
      this.clickable = spec.clickable !== false;
      this.styles = spec.styles;
      this.popups = spec.popups;          // pre-escaped HTML per point, or null
      this.summaries = spec.summaries;    // short text per style, shown when no popups
      this.labels = spec.labels || {};    // index -> label text
      this.ids = spec.ids || null;        // id per point where popups are embedded
      this.lat = decode(spec.lat, Float32Array);
      this.lon = decode(spec.lon, Float32Array);
      this.style = decode(spec.style, Uint8Array);
      this.dayStart = decode(spec.dayStart, Int32Array);
      this.dayEnd = decode(spec.dayEnd, Int32Array);
      this.count = this.lat.length;
      this.window = null;                 // [fromDay, toDay] filter applied in the page
      this.mx = new Float64Array(this.count);
      this.my = new Float64Array(this.count);
      for (var i = 0; i < this.count; i++) {
        var sin = Math.sin(this.lat[i] * Math.PI / 180);
        this.mx[i] = 0.5 + this.lon[i] / 360;
        this.my[i] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
      }
      this.visible = new Uint8Array(this.count).fill(1);
      this._visibleCount = this.count;
      this._groups = groupByStyle(this.style, this.styles.length);
      this._projectedZoom = null;
      this._frame = null;
      this.drawCount = 0;                 // draws so far, what the last one drew and when
      this.drawnPoints = 0;               // the first ended (ms since the page started):
      this.lastDrawMs = 0;                // for tests and benchmarks
      this.firstDrawnAt = null;
      window.incidentMapLayers = window.incidentMapLayers || {};
      window.incidentMapLayers[this.key] = this;
    },

    onAdd: function (map) {
      this._map = map;
      var paneName = "incident-canvas-" + this.key;
      var pane = map.getPane(paneName) || map.createPane(paneName);
      pane.style.zIndex = PANE_Z[this.key] || 450;
      pane.style.pointerEvents = "none";
      this._canvas = L.DomUtil.create("canvas", "incident-canvas", pane);
      map.on("moveend zoomend resize viewreset", this._reset, this);
      map.on("zoomstart", this._hide, this);
      L.IncidentCanvas.listen(map);
      this._reset();
    },

    onRemove: function (map) {
      this._cancelFrame();
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._reset, this);
      map.off("zoomstart", this._hide, this);
      this._map = null;
    },

    isTimeBound: function () { return this.dayStart !== null && this.count > 0; },

    // [first day, last day] covered by the points, or null for a layer without dates.
    dayRange: function () {
      if (!this.isTimeBound()) { return null; }
      var low = Infinity, high = -Infinity;
      for (var i = 0; i < this.count; i++) {
        if (this.dayStart[i] < low) { low = this.dayStart[i]; }
        if (this.dayEnd[i] > high) { high = this.dayEnd[i]; }
      }
      return [low, high];
    },

    // Show only points whose date interval overlaps [fromDay, toDay]; null shows all.
    // The count is exact at once; the canvas is redrawn on the next animation frame.
    setWindow: function (fromDay, toDay) {
      this.window = (fromDay === null || fromDay === undefined) ? null : [fromDay, toDay];
      var n = this.count, visible = this.visible;
      if (!this.window || !this.dayStart) {
        visible.fill(1);
        this._visibleCount = n;
      } else {
        var start = this.dayStart, end = this.dayEnd, low = this.window[0];
        var high = this.window[1], shown = 0;
        for (var i = 0; i < n; i++) {
          var on = start[i] <= high && end[i] >= low ? 1 : 0;
          visible[i] = on;
          shown += on;
        }
        this._visibleCount = shown;
      }
      if (this._map) { this._scheduleDraw(); }
    },

    // Points whose date interval overlaps [fromDay, toDay] (what setWindow would show).
    countOverlapping: function (fromDay, toDay) {
      if (!this.dayStart) { return this.count; }
      var n = 0, start = this.dayStart, end = this.dayEnd;
      for (var i = 0; i < this.count; i++) {
        if (start[i] <= toDay && end[i] >= fromDay) { n++; }
      }
      return n;
    },

    isVisible: function (i) { return this.visible[i] === 1; },

    visibleCount: function () { return this._visibleCount; },

    // Points within `km` of (lat, lon) that are drawn now: used by tests and the UI.
    countNear: function (lat, lon, km) {
      var n = 0, k = Math.cos(lat * Math.PI / 180);
      for (var i = 0; i < this.count; i++) {
        var dy = (this.lat[i] - lat) * 111.2, dx = (this.lon[i] - lon) * 111.2 * k;
        if (this.visible[i] && dx * dx + dy * dy <= km * km) { n++; }
      }
      return n;
    },

    // True when this layer's canvas has paint within `px` pixels of (lat, lon).
    drawnAt: function (lat, lon, px) {
      this.flush();
      var p = this._map.latLngToContainerPoint([lat, lon]), r = this._ratio, d = px || 3;
      var data = this._canvas.getContext("2d").getImageData(
        Math.round((p.x - d) * r), Math.round((p.y - d) * r),
        Math.round((2 * d + 1) * r), Math.round((2 * d + 1) * r)).data;
      for (var i = 3; i < data.length; i += 4) { if (data[i] > 0) { return true; } }
      return false;
    },

    // Draw now if a draw is waiting for the next frame.
    flush: function () {
      if (this._frame !== null) { this._cancelFrame(); this._draw(); }
    },

    _scheduleDraw: function () {
      if (this._frame !== null) { return; }
      var self = this;
      this._frame = L.Util.requestAnimFrame(function () { self._frame = null; self._draw(); });
    },

    _cancelFrame: function () {
      if (this._frame !== null) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
    },

    _hide: function () { this._canvas.style.visibility = "hidden"; },

    _reset: function () {
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(this._canvas, topLeft);
      this._canvas.width = size.x * ratio;
      this._canvas.height = size.y * ratio;
      this._canvas.style.width = size.x + "px";
      this._canvas.style.height = size.y + "px";
      this._canvas.style.visibility = "visible";
      this._ratio = ratio;
      this._cancelFrame();
      this._draw();
    },

    _screen: function () {
      var map = this._map, zoom = map.getZoom();
      var origin = map.project(map.containerPointToLatLng([0, 0]), zoom);
      return {zoom: zoom, scale: 256 * Math.pow(2, zoom), ox: origin.x, oy: origin.y};
    },

    // World pixel coordinates at this zoom, computed once per zoom level.
    _projected: function (view) {
      if (this._projectedZoom !== view.zoom) {
        this._px = this._px || new Float64Array(this.count);
        this._py = this._py || new Float64Array(this.count);
        for (var i = 0; i < this.count; i++) {
          this._px[i] = this.mx[i] * view.scale;
          this._py[i] = this.my[i] * view.scale;
        }
        this._projectedZoom = view.zoom;
      }
      return [this._px, this._py];
    },

    // One symbol per style, painted once into a small canvas and stamped per point:
    // stamping is several times faster than one path of arcs in software rendering.
    _sprites: function () {
      var ratio = this._ratio;
      if (this._spriteRatio === ratio) { return this._spriteCache; }
      var sprites = [];
      for (var s = 0; s < this.styles.length; s++) {
        var st = this.styles[s], outer = st.halo ? st.haloGap + st.haloWidth : 0;
        var size = Math.ceil(2 * (st.radius + outer)) + 4;
        var canvas = document.createElement("canvas");
        canvas.width = canvas.height = Math.ceil(size * ratio);
        var ctx = canvas.getContext("2d");
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.beginPath();
        ctx.setLineDash(st.fill === "dashed" ? [4, 3] : st.fill === "dotted" ? [0.5, 3.2] : []);
        if (st.shape === "square") {
          ctx.rect(size / 2 - st.radius, size / 2 - st.radius, 2 * st.radius, 2 * st.radius);
        } else {
          ctx.arc(size / 2, size / 2, st.radius, 0, 2 * Math.PI);
        }
        this._paint(ctx, st, size);
        this._paintStatus(ctx, st, size);
        sprites.push({canvas: canvas, size: size, half: size / 2});
      }
      this._spriteRatio = ratio;
      this._spriteCache = sprites;
      return sprites;
    },

    // Styles drawn largest first, so small precise symbols stay on top of region circles;
    // among equal sizes the first categories (strikes) are drawn last, on top.
    _drawOrder: function () {
      if (!this._styleOrder) {
        var styles = this.styles;
        this._styleOrder = styles.map(function (st, s) { return s; }).sort(function (a, b) {
          return styles[b].radius - styles[a].radius || b - a;
        });
      }
      return this._styleOrder;
    },

    // A grid of cells over the screen (plus a margin for symbols cut by the edge), each
    // stamped with the number of the style pass that last drew there: a point whose
    // symbol would land in a cell already drawn in the same style adds nothing visible.
    _stampGrid: function (width, height, margin) {
      var w = Math.ceil(width) + 2 * margin + 1, h = Math.ceil(height) + 2 * margin + 1;
      if (!this._stamps || this._stampW !== w || this._stamps.length !== w * h) {
        this._stamps = new Int32Array(w * h);
        this._stampW = w;
        this._pass = 0;
      }
      return this._stamps;
    },

    _draw: function () {
      var began = performance.now();
      var ctx = this._canvas.getContext("2d"), view = this._screen();
      var width = this._canvas.width / this._ratio, height = this._canvas.height / this._ratio;
      ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      if (view.zoom < this.minZoom) {
        this.drawCount++;
        this.drawnPoints = 0;
        this.labelsDrawn = [];
        return;
      }
      var xy = this._projected(view), px = xy[0], py = xy[1], sprites = this._sprites();
      var margin = 0;
      for (var m = 0; m < this.styles.length; m++) {
        margin = Math.max(margin, Math.ceil(this.styles[m].radius));
      }
      var stamps = this._stampGrid(width, height, margin), stampW = this._stampW;
      var order = this._groups.order, offsets = this._groups.offsets, visible = this.visible;
      var styleOrder = this._drawOrder(), drawn = 0;
      for (var n = 0; n < styleOrder.length; n++) {
        var s = styleOrder[n], r = this.styles[s].radius, sprite = sprites[s];
        var cellSize = Math.max(1, Math.round(r / 4)), pass = ++this._pass;
        for (var k = offsets[s]; k < offsets[s + 1]; k++) {
          var i = order[k];
          if (!visible[i]) { continue; }
          var x = Math.round(px[i] - view.ox), y = Math.round(py[i] - view.oy);
          if (x < -r || y < -r || x > width + r || y > height + r) { continue; }
          var cell = (y + margin - (y + margin) % cellSize) * stampW +
            (x + margin - (x + margin) % cellSize);
          if (stamps[cell] === pass) { continue; }
          stamps[cell] = pass;
          drawn++;
          ctx.drawImage(sprite.canvas, x - sprite.half, y - sprite.half, sprite.size,
                        sprite.size);
        }
      }
      this._drawLabels(ctx, view);
      if (this.firstDrawnAt === null) { this.firstDrawnAt = performance.now(); }
      this.drawCount++;
      this.drawnPoints = drawn;
      this.lastDrawMs = performance.now() - began;
    },

    _paint: function (ctx, st, size) {
      if (st.fill === "solid") {
        ctx.fillStyle = st.color; ctx.globalAlpha = 0.9; ctx.fill();
        ctx.globalAlpha = 1; ctx.lineWidth = 1; ctx.strokeStyle = "#222222"; ctx.stroke();
      } else if (st.fill === "dashed") {
        ctx.fillStyle = st.color; ctx.globalAlpha = 0.15; ctx.fill();
        ctx.globalAlpha = 1; ctx.lineWidth = 2; ctx.strokeStyle = st.color; ctx.stroke();
      } else if (st.fill === "dotted") {
        // precision unknown: a dotted ring round a centre dot (the point as given)
        ctx.globalAlpha = 1; ctx.lineWidth = 2.5; ctx.lineCap = "round";
        ctx.strokeStyle = st.color; ctx.stroke(); ctx.lineCap = "butt";
        ctx.beginPath(); ctx.setLineDash([]);
        ctx.arc(size / 2, size / 2, 1.6, 0, 2 * Math.PI);
        ctx.fillStyle = st.color; ctx.fill();
      } else {
        ctx.globalAlpha = 1; ctx.lineWidth = 2.5; ctx.strokeStyle = st.color; ctx.stroke();
      }
    },

    // Claim status: the symbol's opacity, and a ring just outside it (confirmed).
    _paintStatus: function (ctx, st, size) {
      if (st.opacity !== undefined && st.opacity < 1) {
        ctx.globalCompositeOperation = "destination-in";
        ctx.globalAlpha = st.opacity;
        ctx.fillStyle = "#000000";
        ctx.fillRect(0, 0, size, size);
        ctx.globalCompositeOperation = "source-over";
        ctx.globalAlpha = 1;
      }
      if (!st.halo) { return; }
      var r = st.radius + st.haloGap;
      ctx.beginPath();
      ctx.setLineDash([]);
      if (st.shape === "square") {
        ctx.rect(size / 2 - r, size / 2 - r, 2 * r, 2 * r);
      } else {
        ctx.arc(size / 2, size / 2, r, 0, 2 * Math.PI);
      }
      ctx.globalAlpha = 1; ctx.lineWidth = st.haloWidth; ctx.strokeStyle = st.halo;
      ctx.stroke();
    },

    // Labels that do not overlap: each tries eight places around its point and is left
    // out where none is free (at overview zooms most are), so no text is drawn over text.
    _drawLabels: function (ctx, view) {
      // a context layer's labels (settlements) lighter than the sites'
      ctx.font = this.clickable ? LABEL_FONT : CONTEXT_LABEL_FONT;
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = this.clickable ? "#111111" : "#3A3A3A";
      ctx.textBaseline = "middle";
      var taken = labelsToAvoid(this._map, this);
      this.labelsDrawn = [];              // [text, box] of the labels drawn (for tests)
      for (var key in this.labels) {
        var i = +key;
        if (!this.visible[i]) { continue; }
        var x = this.mx[i] * view.scale - view.ox, y = this.my[i] * view.scale - view.oy;
        var text = this.labels[key], width = ctx.measureText(text).width;
        var r = this.styles[this.style[i]].radius + 3, place = null;
        for (var d = 0; d < LABEL_PLACES.length && !place; d++) {
          var spot = LABEL_PLACES[d];
          var left = spot[0] > 0 ? x + r : spot[0] < 0 ? x - r - width : x - width / 2;
          var middle = y + spot[1] * (r + LABEL_HEIGHT / 2);
          var box = [left, middle - LABEL_HEIGHT / 2, left + width, middle + LABEL_HEIGHT / 2];
          if (!overlapsAny(box, taken)) { place = [left, middle, box]; }
        }
        if (!place) { continue; }
        taken.push(place[2]);
        this.labelsDrawn.push([text, place[2]]);
        ctx.strokeText(text, place[0], place[1]); ctx.fillText(text, place[0], place[1]);
      }
    },

    nearest: function (containerPoint, tolerance) {
      var view = this._screen(), best = -1, bestDistance = Infinity;
      if (!this.clickable || view.zoom < this.minZoom) { return -1; }
      for (var i = 0; i < this.count; i++) {
        if (!this.visible[i]) { continue; }
        var dx = this.mx[i] * view.scale - view.ox - containerPoint.x;
        var dy = this.my[i] * view.scale - view.oy - containerPoint.y;
        var d = dx * dx + dy * dy, r = this.styles[this.style[i]].radius + tolerance;
        if (d <= r * r && d < bestDistance) { best = i; bestDistance = d; }
      }
      return best;
    },

    // The popup of point i: its embedded HTML, or the summary of its style.
    popupHtml: function (i) {
      return this.popups ? this.popups[i] :
        "<b>" + escapeHtml(this.title) + "</b><br>" + escapeHtml(this.summaries[this.style[i]]) +
        "<br><i>Full details are listed below the map for the clicked point.</i>";
    },

    // This layer's answer to a click: the popup of its point under it (the map asks its
    // layers in order, top first: L.IncidentCanvas.listen).
    _onClick: function (event) {
      var i = this.nearest(event.containerPoint, CLICK_TOLERANCE_PX);
      if (i >= 0) { this.openPopup(i); }
      return i >= 0;
    },

    openPopup: function (i) {
      this._map.closePopup();
      L.popup({maxWidth: 360}).setLatLng([this.lat[i], this.lon[i]])
        .setContent(this.popupHtml(i)).openOn(this._map);
      this.opened = i;
    },

    // The drawn point with this id (popups embedded), else the drawn point at (lat, lon).
    find: function (id, lat, lon) {
      if (this.ids && id) {
        var at = this.ids.indexOf(id);
        if (at >= 0 && this.visible[at]) { return at; }
      }
      if (lat === null || lat === undefined) { return -1; }
      var best = -1, bestDistance = 1e-6;
      for (var i = 0; i < this.count; i++) {
        var d = Math.abs(this.lat[i] - lat) + Math.abs(this.lon[i] - lon);
        if (this.visible[i] && d < bestDistance) { best = i; bestDistance = d; }
      }
      return best;
    }
  });

  // The layers of a map, top first: a click goes to the topmost point under it.
  function canvases(map) {
    var found = [];
    map.eachLayer(function (layer) {
      if (layer instanceof L.IncidentCanvas && layer.clickable) { found.push(layer); }
    });
    return found.sort(function (a, b) { return (PANE_Z[a.key] || 450) - (PANE_Z[b.key] || 450); })
      .reverse();
  }

  // The topmost layer with a point within reach of a container point, or null.
  L.IncidentCanvas.hit = function (map, containerPoint) {
    var layers = canvases(map);
    for (var n = 0; n < layers.length; n++) {
      var i = layers[n].nearest(containerPoint, CLICK_TOLERANCE_PX);
      if (i >= 0) { return layers[n]; }
    }
    return null;
  };

  // One click handler per map. Points are above lines for clicks: a line's popup that
  // opened for a click on a point gives way to the point's.
  L.IncidentCanvas.listen = function (map) {
    if (map._incidentClicks) { return; }
    map._incidentClicks = true;
    map.on("click", function (event) {
      var hit = L.IncidentCanvas.hit(map, event.containerPoint);
      if (hit) { hit._onClick(event); }
    });
    map.on("popupopen", function (event) {
      var source = event.popup._source;
      if (!(source instanceof L.Path)) { return; }
      var point = map.latLngToContainerPoint(event.popup.getLatLng());
      var hit = L.IncidentCanvas.hit(map, point);
      if (hit) { hit._onClick({containerPoint: point}); }
    });
  };

  // Put a layer built from `spec` in place of the map's layer `key` (none: remove it).
  L.IncidentCanvas.replace = function (map, key, spec) {
    map.eachLayer(function (layer) {
      if (layer instanceof L.IncidentCanvas && layer.key === key) { map.removeLayer(layer); }
    });
    if (window.incidentMapLayers) { delete window.incidentMapLayers[key]; }
    if (spec) { new L.IncidentCanvas(spec).addTo(map); }
  };

  // Show the point with this id (or at lat, lon) and open its popup: a row chosen in the
  // app's table. Returns whether a drawn point was found.
  L.IncidentCanvas.select = function (map, id, lat, lon) {
    var layers = canvases(map);
    for (var n = 0; n < layers.length; n++) {
      if (layers[n].key === "infrastructure") { continue; }
      var i = layers[n].find(id, lat, lon);
      if (i >= 0) {
        var point = L.latLng(layers[n].lat[i], layers[n].lon[i]);
        if (!map.getBounds().pad(-0.1).contains(point)) {
          map.setView(point, Math.max(map.getZoom(), SELECT_ZOOM), {animate: false});
        }
        layers[n].openPopup(i);
        return true;
      }
    }
    return false;
  };
})();
