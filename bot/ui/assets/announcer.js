// One polite live region for the chat: a new answer is announced by screen readers. The
// region stays in the page across reruns; only its text changes.
export default function (component) {
  const { data, parentElement } = component;
  let region = parentElement.querySelector(".cb-live");
  if (!region) {
    region = document.createElement("div");
    region.className = "cb-live";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    region.dataset.testid = "cb-live";
    parentElement.appendChild(region);
  }
  if (region.textContent !== data.text) {
    region.textContent = data.text;
  }
}
