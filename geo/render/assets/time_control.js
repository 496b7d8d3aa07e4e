// A time control inside the map: a from/to range over days and playback, calling
// setWindow on every time-bound canvas layer (window.incidentMapLayers) in this page,
// with no round trip to the server. Created by geo/render/time_control.py.
// Only dates and counts are written into the control, always as text (never as HTML).
(function () {
  if (window.L && L.IncidentTimeControl) { return; }

  var DAY_MS = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec"];
  var SPEEDS = [["1 day/s", 1], ["1 week/s", 7], ["1 month/s", 30], ["1 quarter/s", 91]];

  function formatDay(day) {
    var date = new Date(day * DAY_MS);
    return date.getUTCDate() + " " + MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear();
  }

  function node(tag, className, parent, text) {
    var element = L.DomUtil.create(tag, className || "", parent);
    if (text !== undefined) { element.textContent = text; }
    return element;
  }

  function button(parent, text, label, handler, context) {
    var element = node("button", "im-time-button", parent, text);
    element.type = "button";
    element.title = label;
    // the accessible name starts with what the button shows (WCAG 2.5.3)
    element.setAttribute("aria-label", text + ": " + label);
    L.DomEvent.on(element, "click", handler, context);
    return element;
  }

  function timeLayers() {
    var all = window.incidentMapLayers || {}, found = [];
    for (var key in all) {
      if (all[key].isTimeBound && all[key].isTimeBound()) { found.push(all[key]); }
    }
    return found;
  }

  L.IncidentTimeControl = L.Control.extend({
    options: {position: "bottomleft", fromDay: null, toDay: null, playWidthDays: 30,
              title: "", speedIndex: 1},

    onAdd: function (map) {
      var range = this._range();
      this.minDay = range[0];
      this.maxDay = range[1];
      this.fromDay = this.minDay;
      this.toDay = this.maxDay;
      this.serverFiltered = true;  // the layers hold only points of [minDay, maxDay]
      this.playing = false;
      var box = node("div", "im-control im-time");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Time window inside the map");
      box.title = this.options.title;
      var head = node("div", "im-time-head", box);
      node("b", "", head, "Time in map ");
      this._countText = node("span", "im-time-count", head);
      this._countText.setAttribute("aria-live", "polite");
      this._fromInput = this._rangeRow(box, "From");
      this._toInput = this._rangeRow(box, "To");
      var buttons = node("div", "im-time-buttons", box);
      button(buttons, "−7", "Back one week", function () { this.step(-7); }, this);
      button(buttons, "−1", "Back one day", function () { this.step(-1); }, this);
      this._playButton = button(buttons, "▶", "Play", this.toggle, this);
      this._playButton.setAttribute("aria-pressed", "false");
      button(buttons, "+1", "Forward one day", function () { this.step(1); }, this);
      button(buttons, "+7", "Forward one week", function () { this.step(7); }, this);
      this._speed = node("select", "im-time-speed", buttons);
      this._speed.setAttribute("aria-label", "Playback speed");
      this._speed.title = "Playback speed";
      for (var s = 0; s < SPEEDS.length; s++) {
        var option = node("option", "", this._speed, SPEEDS[s][0]);
        option.value = String(SPEEDS[s][1]);
      }
      this._speed.selectedIndex = this.options.speedIndex;
      button(buttons, "All", "Show the whole sidebar window", this.reset, this);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      this._showValues();
      window.incidentTimeControl = this;
      return box;
    },

    onRemove: function () { this.pause(); },

    _range: function () {
      var low = Infinity, high = -Infinity, layers = timeLayers();
      for (var i = 0; i < layers.length; i++) {
        var days = layers[i].dayRange();
        low = Math.min(low, days[0]);
        high = Math.max(high, days[1]);
      }
      if (this.options.fromDay !== null) { low = this.options.fromDay; }
      if (this.options.toDay !== null) { high = this.options.toDay; }
      if (!isFinite(low) || !isFinite(high)) { low = high = Math.floor(Date.now() / DAY_MS); }
      return [low, Math.max(low, high)];
    },

    _rangeRow: function (box, name) {
      var row = node("label", "im-time-row", box);
      node("span", "im-time-name", row, name);
      var input = node("input", "im-time-range", row);
      input.type = "range";
      input.min = String(this.minDay);
      input.max = String(this.maxDay);
      input.step = "1";
      input.setAttribute("aria-label", name + " date");
      var text = node("span", "im-time-date", row);
      input._dateText = text;
      L.DomEvent.on(input, "input", function () {
        this.pause();
        var day = +input.value;
        if (name === "From") { this.setRange(day, Math.max(day, this.toDay)); }
        else { this.setRange(Math.min(day, this.fromDay), day); }
      }, this);
      L.DomEvent.on(input, "keydown", function (event) {
        // Shift + arrow moves a week; plain arrows (a day) are the range input's own.
        var sign = {ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1}[event.key];
        if (!event.shiftKey || !sign) { return; }
        L.DomEvent.preventDefault(event);
        this.pause();
        if (name === "From") { this.setRange(this.fromDay + 7 * sign, this.toDay); }
        else { this.setRange(this.fromDay, this.toDay + 7 * sign); }
      }, this);
      return input;
    },

    _clamp: function (day) {
      return Math.min(Math.max(Math.round(day), this.minDay), this.maxDay);
    },

    // Show points dated within [fromDay, toDay] (days since 1970-01-01) in every layer.
    setRange: function (fromDay, toDay) {
      var low = this._clamp(fromDay), high = this._clamp(toDay);
      if (high < low) { var swap = low; low = high; high = swap; }
      this.fromDay = low;
      this.toDay = high;
      // When the server filtered the points to the whole range, each overlaps it: no mask.
      var whole = this.serverFiltered && low === this.minDay && high === this.maxDay;
      var layers = timeLayers();
      for (var i = 0; i < layers.length; i++) {
        if (whole) { layers[i].setWindow(null); } else { layers[i].setWindow(low, high); }
      }
      this._showValues();
    },

    reset: function () { this.pause(); this.setRange(this.minDay, this.maxDay); },

    // The sidebar window applied in the page, for a map holding every date: the range
    // becomes [fromDay, toDay] and the map shows all of it (see sidebar_window_group).
    setBounds: function (fromDay, toDay) {
      this.pause();
      this.minDay = Math.round(fromDay);
      this.maxDay = Math.max(this.minDay, Math.round(toDay));
      this.serverFiltered = false;
      var layers = timeLayers();
      this._boundsTotal = 0;  // "of M" counts the points in the sidebar window only
      for (var j = 0; j < layers.length; j++) {
        this._boundsTotal += layers[j].countOverlapping(this.minDay, this.maxDay);
      }
      var inputs = [this._fromInput, this._toInput];
      for (var i = 0; i < inputs.length; i++) {
        inputs[i].min = String(this.minDay);
        inputs[i].max = String(this.maxDay);
      }
      this.setRange(this.minDay, this.maxDay);
    },

    // Move the window by `days`, keeping its width, stopping at either end of the range.
    step: function (days) {
      var width = this.toDay - this.fromDay;
      var from = Math.min(Math.max(this.fromDay + days, this.minDay), this.maxDay - width);
      this.setRange(from, from + width);
    },

    shownCount: function () {
      var layers = timeLayers(), shown = 0, total = 0;
      for (var i = 0; i < layers.length; i++) {
        shown += layers[i].visibleCount();
        total += layers[i].count;
      }
      return [shown, this.serverFiltered ? total : this._boundsTotal];
    },

    _showValues: function () {
      var inputs = [[this._fromInput, this.fromDay], [this._toInput, this.toDay]];
      for (var i = 0; i < inputs.length; i++) {
        var input = inputs[i][0], day = inputs[i][1];
        input.value = String(day);
        input.setAttribute("aria-valuetext", formatDay(day));
        input._dateText.textContent = formatDay(day);
      }
      var counts = this.shownCount();
      this._countText.textContent = counts[0].toLocaleString("en-US") + " of " +
        counts[1].toLocaleString("en-US") + " shown";
    },

    toggle: function () { if (this.playing) { this.pause(); } else { this.play(); } },

    // Animate the window forward through time at the chosen speed (days per second).
    play: function () {
      if (this.playing) { return; }
      if (this.toDay - this.fromDay >= this.maxDay - this.minDay) {
        var width = Math.min(this.options.playWidthDays, this.maxDay - this.minDay) - 1;
        this.setRange(this.minDay, this.minDay + Math.max(width, 0));
      } else if (this.toDay >= this.maxDay) {
        this.setRange(this.minDay, this.minDay + this.toDay - this.fromDay);
      }
      this.playing = true;
      this._playButton.textContent = "❚❚";
      this._playButton.title = "Pause";
      this._playButton.setAttribute("aria-label", "Pause");
      this._playButton.setAttribute("aria-pressed", "true");
      this._lastMove = performance.now();
      this._tick();
    },

    pause: function () {
      if (!this.playing) { return; }
      this.playing = false;
      L.Util.cancelAnimFrame(this._timer);
      this._playButton.textContent = "▶";
      this._playButton.title = "Play";
      this._playButton.setAttribute("aria-label", "Play");
      this._playButton.setAttribute("aria-pressed", "false");
    },

    _tick: function () {
      var self = this;
      this._timer = L.Util.requestAnimFrame(function () {
        if (!self.playing) { return; }
        var daysPerSecond = +self._speed.value, now = performance.now();
        var days = Math.floor((now - self._lastMove) * daysPerSecond / 1000);
        if (days >= 1) {
          self._lastMove += days * 1000 / daysPerSecond;
          self.step(days);
          if (self.toDay >= self.maxDay) { self.pause(); return; }
        }
        self._tick();
      });
    }
  });

  L.incidentTimeControl = function (options) { return new L.IncidentTimeControl(options); };
})();
