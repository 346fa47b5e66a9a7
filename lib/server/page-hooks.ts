// Loads every module that registers an after-save step with the page-kind
// registry (lib/pages/kinds). lib/pages cannot import the domains these
// steps belong to, since they import lib/pages; so each entry point that can
// save a page imports this module, and a save whose step is not registered
// throws rather than skipping it.
import "@/lib/projects/needs";
// Listeners of every save: mail to watchers, maintainers and representatives, and auto-watch of the editor.
import "@/lib/mail/page-events";
import "@/lib/watch/auto";
