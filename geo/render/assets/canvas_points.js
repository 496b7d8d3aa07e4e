// One canvas layer for many points, fed by base64 typed arrays (no DOM node per point).
// Defined once per page; each layer instance is created by geo/render/canvas_points.py.
(function () {
  if (window.L && L.IncidentCanvas) { return; }

  function decode(base64, ArrayType) {
    if (!base64) { return null; }
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

  L.IncidentCanvas = L.Layer.extend({
    initialize: function (spec) {
      this.key = spec.key;
      this.title = spec.title;
      this.styles = spec.styles;
      this.popups = spec.popups;          // pre-escaped HTML per point, or null
      this.summaries = spec.summaries;    // short text per style, shown when no popups
      this.labels = spec.labels || {};    // index -> label text
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
      window.incidentMapLayers = window.incidentMapLayers || {};
      window.incidentMapLayers[this.key] = this;
    },

    onAdd: function (map) {
      this._map = map;
      var paneName = "incident-canvas-" + this.key;
      var pane = map.getPane(paneName) || map.createPane(paneName);
      pane.style.zIndex = this.key === "infrastructure" ? 440 : 450;
      pane.style.pointerEvents = "none";
      this._canvas = L.DomUtil.create("canvas", "incident-canvas", pane);
      map.on("moveend zoomend resize viewreset", this._reset, this);
      map.on("zoomstart", this._hide, this);
      map.on("click", this._onClick, this);
      this._reset();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._reset, this);
      map.off("zoomstart", this._hide, this);
      map.off("click", this._onClick, this);
      this._map = null;
    },

    setWindow: function (fromDay, toDay) {
      this.window = (fromDay === null || fromDay === undefined) ? null : [fromDay, toDay];
      if (this._map) { this._draw(); }
    },

    isVisible: function (i) {
      if (!this.window || !this.dayStart) { return true; }
      return this.dayStart[i] <= this.window[1] && this.dayEnd[i] >= this.window[0];
    },

    visibleCount: function () {
      var n = 0;
      for (var i = 0; i < this.count; i++) { if (this.isVisible(i)) { n++; } }
      return n;
    },

    // Points within `km` of (lat, lon) that are drawn now: used by tests and the UI.
    countNear: function (lat, lon, km) {
      var n = 0, k = Math.cos(lat * Math.PI / 180);
      for (var i = 0; i < this.count; i++) {
        var dy = (this.lat[i] - lat) * 111.2, dx = (this.lon[i] - lon) * 111.2 * k;
        if (this.isVisible(i) && dx * dx + dy * dy <= km * km) { n++; }
      }
      return n;
    },

    // True when this layer's canvas has paint within `px` pixels of (lat, lon).
    drawnAt: function (lat, lon, px) {
      var p = this._map.latLngToContainerPoint([lat, lon]), r = this._ratio, d = px || 3;
      var data = this._canvas.getContext("2d").getImageData(
        Math.round((p.x - d) * r), Math.round((p.y - d) * r),
        Math.round((2 * d + 1) * r), Math.round((2 * d + 1) * r)).data;
      for (var i = 3; i < data.length; i += 4) { if (data[i] > 0) { return true; } }
      return false;
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
      this._draw();
    },

    _screen: function () {
      var map = this._map, zoom = map.getZoom();
      var origin = map.project(map.containerPointToLatLng([0, 0]), zoom);
      return {scale: 256 * Math.pow(2, zoom), ox: origin.x, oy: origin.y};
    },

    _draw: function () {
      var ctx = this._canvas.getContext("2d"), view = this._screen();
      var width = this._canvas.width / this._ratio, height = this._canvas.height / this._ratio;
      ctx.setTransform(this._ratio, 0, 0, this._ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      for (var s = 0; s < this.styles.length; s++) {
        var st = this.styles[s];
        ctx.beginPath();
        var any = false;
        ctx.setLineDash(st.fill === "dashed" ? [4, 3] : []);
        for (var i = 0; i < this.count; i++) {
          if (this.style[i] !== s || !this.isVisible(i)) { continue; }
          var x = this.mx[i] * view.scale - view.ox, y = this.my[i] * view.scale - view.oy;
          var r = st.radius;
          if (x < -r || y < -r || x > width + r || y > height + r) { continue; }
          any = true;
          if (st.shape === "square") {
            ctx.moveTo(x - r, y - r); ctx.rect(x - r, y - r, 2 * r, 2 * r);
          } else {
            ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
          }
        }
        if (!any) { continue; }
        if (st.fill === "solid") {
          ctx.fillStyle = st.color; ctx.globalAlpha = 0.9; ctx.fill();
          ctx.globalAlpha = 1; ctx.lineWidth = 1; ctx.strokeStyle = "#222222"; ctx.stroke();
        } else if (st.fill === "dashed") {
          ctx.fillStyle = st.color; ctx.globalAlpha = 0.15; ctx.fill();
          ctx.globalAlpha = 1; ctx.lineWidth = 2; ctx.strokeStyle = st.color; ctx.stroke();
        } else {
          ctx.globalAlpha = 1; ctx.lineWidth = 2.5; ctx.strokeStyle = st.color; ctx.stroke();
        }
      }
      ctx.setLineDash([]);
      this._drawLabels(ctx, view);
    },

    _drawLabels: function (ctx, view) {
      ctx.font = "600 11px sans-serif";
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#111111";
      for (var key in this.labels) {
        var i = +key;
        if (!this.isVisible(i)) { continue; }
        var x = this.mx[i] * view.scale - view.ox + 8, y = this.my[i] * view.scale - view.oy - 6;
        ctx.strokeText(this.labels[key], x, y); ctx.fillText(this.labels[key], x, y);
      }
    },

    nearest: function (containerPoint, tolerance) {
      var view = this._screen(), best = -1, bestDistance = Infinity;
      for (var i = 0; i < this.count; i++) {
        if (!this.isVisible(i)) { continue; }
        var dx = this.mx[i] * view.scale - view.ox - containerPoint.x;
        var dy = this.my[i] * view.scale - view.oy - containerPoint.y;
        var d = dx * dx + dy * dy, r = this.styles[this.style[i]].radius + tolerance;
        if (d <= r * r && d < bestDistance) { best = i; bestDistance = d; }
      }
      return best;
    },

    _onClick: function (event) {
      var i = this.nearest(event.containerPoint, 4);
      if (i < 0) { return; }
      var html = this.popups ? this.popups[i] :
        "<b>" + escapeHtml(this.title) + "</b><br>" + escapeHtml(this.summaries[this.style[i]]) +
        "<br><i>Full details are listed below the map for the clicked point.</i>";
      L.popup({maxWidth: 380}).setLatLng([this.lat[i], this.lon[i]]).setContent(html)
        .openOn(this._map);
    }
  });
})();
