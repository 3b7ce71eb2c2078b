// The callback form: the customer's time zone offset, and today as the
// default day, so the window they pick is read in their own time.
(function () {
  var tz = document.getElementById('callback-tz');
  if (tz) tz.value = String(-new Date().getTimezoneOffset());
  var day = document.getElementById('callback-day');
  if (day && !day.value) {
    var d = new Date();
    day.value = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }
})();
