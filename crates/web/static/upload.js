// The bank statement upload with a progress bar. The form works without this script (a plain
// multipart POST); here the same body goes through XMLHttpRequest so that upload.onprogress
// can move the <progress> bar, and the page the server answers (the statement after the
// redirect, or the list again with the reason a file was refused) replaces this one.
(function () {
  "use strict";

  function showPage(xhr) {
    var received = xhr.response;
    if (!received || !received.documentElement) {
      window.location.assign(xhr.responseURL || window.location.href);
      return;
    }
    if (xhr.responseURL) {
      window.history.replaceState(null, "", xhr.responseURL);
    }
    document.replaceChild(
      document.adoptNode(received.documentElement),
      document.documentElement
    );
    var main = document.getElementById("main");
    if (main) {
      main.focus();
    }
    // A refused file shows the form again: make it upload the same way.
    init();
  }

  function fail(form, result) {
    var message = document.createElement("div");
    message.className = "form-error";
    message.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = form.getAttribute("data-error") || "";
    message.appendChild(text);
    result.textContent = "";
    result.appendChild(message);
  }

  function init() {
    var form = document.getElementById("upload-form");
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-progress-bar");
    var result = document.getElementById("upload-result");
    if (!form || !box || !bar || !result || !window.FormData) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type='submit']");
      var token = form.querySelector("input[name='csrf_token']");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.responseType = "document";
      if (token) {
        xhr.setRequestHeader("X-CSRF-Token", token.value);
      }
      xhr.upload.onprogress = function (progress) {
        if (progress.lengthComputable) {
          bar.max = progress.total;
          bar.value = progress.loaded;
        } else {
          bar.removeAttribute("value");
        }
      };
      xhr.onload = function () {
        showPage(xhr);
      };
      xhr.onerror = function () {
        box.hidden = true;
        if (button) {
          button.disabled = false;
        }
        fail(form, result);
      };
      box.hidden = false;
      bar.value = 0;
      if (button) {
        button.disabled = true;
      }
      result.textContent = "";
      xhr.send(new FormData(form));
    });
  }

  init();
})();
