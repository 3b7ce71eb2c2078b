// The quiz's countdown. The server keeps the time: this only shows it, and
// when it reaches zero says so (a late submission is refused there).
const timer = document.getElementById("timer");
if (timer) {
  const end = Date.now() + Number(timer.dataset.remaining) * 1000;
  const out = document.getElementById("time-left");
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    out.textContent = left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}` : "time is up: answers sent now are not graded";
    timer.classList.toggle("low", left < 60);
    if (left > 0) setTimeout(tick, 1000);
  };
  tick();
}
