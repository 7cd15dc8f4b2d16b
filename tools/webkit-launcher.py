#!/usr/bin/python3
"""A chromeless WebKitGTK browser for WebKitWebDriver (the end-to-end tests' WebKit).

WebKitWebDriver starts this program for every session (capability
`webkitgtk:browserOptions`) and drives the web views it hands over. Debian's
MiniBrowser would do, but it cannot be narrower than about 447 px and loses errors
thrown while a page loads; this one gives:
  --width/--height   the exact viewport (a bare window under Xvfb, no decorations)
  --dark             prefers-color-scheme: dark (GTK's dark-theme preference)
  --reduced-motion   prefers-reduced-motion: reduce (GTK's animations off)
  --no-javascript    JavaScript off, as a reader can set it (`scripting: none` matches); the
                     driver's own scripts still run
  --init-script F    a script run at document start in every page, before the page's own
  --error-log F      console errors and uncaught errors go to F, a line each, as they happen
"""

import argparse
import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gdk, Gtk, WebKit2  # noqa: E402

# WebKitGTK's console output never reaches our standard output, so errors are handed to
# this process as they happen: console errors, and uncaught errors and rejections,
# including those thrown while the page loads.
FORWARD_ERRORS = """
(() => {
  const report = (text) => window.webkit.messageHandlers.errors.postMessage(String(text));
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    report(`console: ${args.join(' ')}`);
    consoleError(...args);
  };
  addEventListener('error', (e) => report(`pageerror: ${e.message}`));
  addEventListener('unhandledrejection', (e) => report(`pageerror: ${e.reason}`));
})();
"""


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--reduced-motion", action="store_true")
    parser.add_argument("--no-javascript", action="store_true")
    parser.add_argument("--init-script")
    parser.add_argument("--error-log")
    # WebKitWebDriver adds --automation (and may add a URL): not ours to read.
    args, _ = parser.parse_known_args()
    return args


def main():
    args = parse_args()
    gtk = Gtk.Settings.get_default()
    if args.dark:
        gtk.props.gtk_application_prefer_dark_theme = True
    if args.reduced_motion:
        gtk.props.gtk_enable_animations = False

    context = WebKit2.WebContext.new_ephemeral()
    context.set_automation_allowed(True)

    settings = WebKit2.Settings()
    settings.props.enable_javascript = not args.no_javascript

    scripts = WebKit2.UserContentManager()
    if args.error_log:
        log = open(args.error_log, "a", encoding="utf-8", buffering=1)

        def on_error(_manager, message):
            log.write(message.get_js_value().to_string().replace("\n", " ") + "\n")

        scripts.connect("script-message-received::errors", on_error)
        scripts.register_script_message_handler("errors")
    sources = [FORWARD_ERRORS]
    if args.init_script:
        with open(args.init_script, encoding="utf-8") as f:
            sources.append(f.read())
    for source in sources:
        scripts.add_script(
            WebKit2.UserScript(
                source,
                WebKit2.UserContentInjectedFrames.TOP_FRAME,
                WebKit2.UserScriptInjectionTime.START,
                None,
                None,
            )
        )

    def create_web_view(_session):
        view = WebKit2.WebView(
            web_context=context,
            settings=settings,
            user_content_manager=scripts,
            is_controlled_by_automation=True,
        )
        window = Gtk.Window()
        window.set_default_size(args.width, args.height)
        window.add(view)
        # The driver closes the page at the end of a session: close its window too.
        view.connect("close", lambda _view: window.destroy())
        # Xvfb has no window manager to activate the window: without this the page is
        # never focused, and `:focus` and `:focus-visible` never match.
        window.connect("map-event", lambda w, _e: w.get_window().focus(Gdk.CURRENT_TIME))
        window.show_all()
        view.grab_focus()
        return view

    def automation_started(_context, session):
        info = WebKit2.ApplicationInfo()
        info.set_name("rehab-webkit")
        info.set_version(
            WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version()
        )
        session.set_application_info(info)
        session.connect("create-web-view", create_web_view)

    context.connect("automation-started", automation_started)
    Gtk.main()


if __name__ == "__main__":
    main()
