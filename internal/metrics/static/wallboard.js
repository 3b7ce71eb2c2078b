// The wallboard reloads itself so the floor sees current figures without
// anyone touching the screen.
const wall = document.getElementById("wallboard");
const every = Number(wall?.dataset.refresh || 15) * 1000;
setTimeout(() => location.reload(), every);
