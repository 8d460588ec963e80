/* global chrome */
// The floor for "call tab closed -> window rendered": the same wake-up, the same storage read and
// the same windows.create that Aftercare does, with nothing else.
chrome.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url && /\/call\//.test(changeInfo.url)) {
    chrome.storage.local.set({ [`tab-${tabId}`]: Date.now() });
  }
});
chrome.tabs.onRemoved.addListener(async (tabId) => {
  const key = `tab-${tabId}`;
  const stored = await chrome.storage.local.get(key);
  if (!stored[key]) return;
  await chrome.storage.local.remove(key);
  await chrome.windows.create({ url: 'bare.html', type: 'popup', width: 460, height: 640 });
});
