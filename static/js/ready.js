// Loaded last on every page (base.html): the page's own modules have run and hooked their forms.
// Until then a click would submit a form natively, putting what it holds (a control link and its
// key, say) into a URL and reloading the page; the stylesheet holds the buttons until this runs.
document.documentElement.removeAttribute("data-loading");
