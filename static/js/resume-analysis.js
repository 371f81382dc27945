// Resume analysis: suggest target jobs by title while the person types.
// The form works without this: the server finds the job by the typed title and
// offers choices when several match. Here the suggestions fill the input's
// <datalist> (the browser's own accessible list), a chosen suggestion sets the
// hidden job field, and a polite live region says how many were found.
(function () {
  "use strict";
  var input = document.getElementById("job_title");
  var list = document.getElementById("target-job-options");
  var hidden = document.getElementById("job");
  var status = document.getElementById("job_title-status");
  if (!input || !list || !hidden) return;
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var bySlug = {};
  var lastQuery = "";

  function label(job) {
    return job.title + " — " + job.company;
  }

  function choose() {
    var slug = bySlug[input.value];
    hidden.value = slug || "";
  }

  function show(jobs) {
    list.textContent = "";
    bySlug = {};
    jobs.forEach(function (job) {
      var option = document.createElement("option");
      option.value = label(job);
      if (job.city) option.label = job.city;
      bySlug[option.value] = job.slug;
      list.appendChild(option);
    });
    if (status) {
      status.textContent = jobs.length
        ? jobs.length + (jobs.length === 1 ? " job found." : " jobs found.")
        : "No open job matches.";
    }
    choose();
  }

  function fetchJobs(query) {
    lastQuery = query;
    fetch(url + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : [];
      })
      .then(function (jobs) {
        if (query === lastQuery) show(Array.isArray(jobs) ? jobs : []);
      })
      .catch(function () {
        /* suggestions are a help; the form still works */
      });
  }

  input.addEventListener("input", function () {
    choose();
    if (bySlug[input.value]) return; // a suggestion was picked
    var query = input.value.trim();
    window.clearTimeout(timer);
    if (query.length < 2) {
      show([]);
      if (status) status.textContent = "";
      return;
    }
    timer = window.setTimeout(function () {
      fetchJobs(query);
    }, 200);
  });
  input.addEventListener("change", choose);
})();
