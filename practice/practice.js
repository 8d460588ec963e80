// Shows the part of the practice page that matches the URL, like a call site's router.
const path = location.pathname;
const view = /^\/call\/[\w-]+\/?$/.test(path) ? 'call' : /^\/left\/?$/.test(path) ? 'left' : 'lobby';
document.getElementById(view).hidden = false;
document.getElementById('join').addEventListener('click', () => {
  location.assign('/call/practice-room');
});
document.getElementById('leave').addEventListener('click', () => {
  location.assign('/left');
});
