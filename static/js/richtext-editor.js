// The rich-text editor (django-prose-editor's ProseMirror/Tiptap build, served from
// the package's own static files) on every textarea marked data-richtext-editor.
// The toolbar offers only what hotgigs.richtext.ALLOWED_TAGS keeps; the server
// sanitises whatever arrives. Without this module the textarea stays a textarea.
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  Italic,
  Link,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Strike,
  Text,
  Underline,
  crel,
  initializeEditors,
} from "../django_prose_editor/editor.js";

// The package's createTextareaEditor, without Tiptap's injected <style> (the CSP
// refuses inline styles; editor.css carries the same rules).
function createTextareaEditor(textarea, extensions) {
  const element = crel("div", { className: "prose-editor" });
  textarea.before(element);
  element.append(textarea);
  return new Editor({
    element,
    extensions,
    injectCSS: false,
    content: textarea.value,
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
}

function labelText(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  return label ? label.textContent.trim() : textarea.name;
}

// The package greys out a button that does nothing right now with a class;
// screen readers learn it from aria-disabled, kept in step here.
function markDisabledButtons(container) {
  const sync = () => {
    for (const button of container.querySelectorAll(".prose-menubar__button")) {
      button.setAttribute("aria-disabled", String(button.classList.contains("disabled")));
    }
  };
  sync();
  new MutationObserver(sync).observe(container, {
    subtree: true,
    attributeFilter: ["class"],
  });
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const editor = createTextareaEditor(textarea, [
    Document,
    Dropcursor,
    Gapcursor,
    Paragraph,
    HardBreak,
    Text,
    History,
    Menu,
    Bold,
    Italic,
    Underline,
    Strike,
    Heading.configure({ levels: [2, 3, 4] }),
    BulletList,
    OrderedList,
    ListItem,
    Blockquote,
    HorizontalRule,
    Link,
  ]);
  // The textarea is hidden; the editable region carries its name and help.
  const region = editor.view.dom;
  region.setAttribute("role", "textbox");
  region.setAttribute("aria-multiline", "true");
  region.setAttribute("aria-label", labelText(textarea));
  const described = textarea.getAttribute("aria-describedby");
  if (described) region.setAttribute("aria-describedby", described);
  markDisabledButtons(region.closest(".prose-editor"));
  textarea.dataset.richtextReady = "true";
  textarea.dispatchEvent(
    new CustomEvent("richtext:ready", { detail: { editor }, bubbles: true }),
  );
  return editor;
}

// The editor's stylesheets (data-richtext-styles: hashed URLs from the server) load
// here rather than in <head>, so they never hold up the page's first paint; the
// editor replaces its textarea once they have arrived.
function loadStylesheets() {
  const urls = new Set();
  for (const textarea of document.querySelectorAll("[data-richtext-styles]")) {
    for (const url of textarea.dataset.richtextStyles.split(" ")) {
      if (url) urls.add(url);
    }
  }
  const present = new Set(
    [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) =>
      link.getAttribute("href"),
    ),
  );
  return Promise.all(
    [...urls]
      .filter((url) => !present.has(url))
      .map(
        (url) =>
          new Promise((resolve) => {
            const link = crel("link", { rel: "stylesheet", href: url });
            link.addEventListener("load", resolve);
            link.addEventListener("error", resolve);
            document.head.append(link);
          }),
      ),
  );
}

// A stylesheet that never answers does not keep the editor away for long.
await Promise.race([
  loadStylesheets(),
  new Promise((resolve) => setTimeout(resolve, 3000)),
]);
initializeEditors(createEditor, "[data-richtext-editor]");
