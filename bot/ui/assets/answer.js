// One cited answer in the chat: [n] markers are buttons that open their record (click, Enter
// or Space), a preview shows on hover and on keyboard focus (Escape hides it), and a button
// copies the answer with its sources. Everything shown was escaped in Python (answer_html.py).
const SHELL = `
  <div class="cb-body"></div>
  <div class="cb-tools">
    <button type="button" class="cb-copy" aria-label="Copy this answer and its sources">
      Copy answer</button>
    <span class="cb-copied" role="status" aria-live="polite"></span>
  </div>`;

function place(tip, button) {
  const box = button.getBoundingClientRect();
  tip.classList.add("cb-open");
  const width = Math.min(360, window.innerWidth - 16);
  tip.style.width = `${width}px`;
  const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
  const above = box.top - tip.offsetHeight - 6;
  tip.style.left = `${left}px`;
  tip.style.top = `${above > 8 ? above : box.bottom + 6}px`;
}

function hide(tip) {
  tip.classList.remove("cb-open");
}

async function copy(text, root) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "cb-offscreen";
    root.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".cb-answer");
  if (!root) {
    root = document.createElement("div");
    root.className = "cb-answer";
    root.innerHTML = SHELL;
    parentElement.appendChild(root);
  }
  const body = root.querySelector(".cb-body");
  if (body.cbHtml !== data.html) {
    body.innerHTML = data.html;
    body.cbHtml = data.html;
  }
  const tipOf = (button) => root.querySelector(`#${button.getAttribute("aria-describedby")}`);
  for (const button of body.querySelectorAll(".cb-cite")) {
    const tip = tipOf(button);
    button.onclick = () => {
      hide(tip);
      setTriggerValue("cite", Number(button.dataset.marker));
    };
    button.onmouseenter = () => place(tip, button);
    button.onfocus = () => place(tip, button);
    button.onmouseleave = () => hide(tip);
    button.onblur = () => hide(tip);
    button.onkeydown = (event) => {
      if (event.key === "Escape") hide(tip);
    };
  }
  const status = root.querySelector(".cb-copied");
  root.querySelector(".cb-copy").onclick = async () => {
    const done = await copy(data.text, root);
    status.textContent = done ? "Copied" : "Could not copy: select the text and copy it";
    setTimeout(() => {
      status.textContent = "";
    }, 4000);
  };
}
