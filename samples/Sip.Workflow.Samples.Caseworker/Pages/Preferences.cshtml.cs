using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;
using Sip.Workflow.Samples.Caseworker.Web;

namespace Sip.Workflow.Samples.Caseworker.Pages;

/// <summary>The two choices the header offers: the language and (in the demo) who is working. Both are remembered in a cookie.</summary>
internal sealed class PreferencesModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPostLanguage(string? language, string? returnUrl)
    {
        Remember(Ui.Cookie, language == "en" ? "en" : "sv");
        return Back(returnUrl);
    }

    public IActionResult OnPostUser(string? userId, string? returnUrl)
    {
        if (DemoUsers.Find(userId) is { } user)
        {
            Remember(DemoUsers.Cookie, user.Actor.UserId);
        }

        return Back(returnUrl);
    }

    private void Remember(string cookie, string value)
        => Response.Cookies.Append(cookie, value, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });

    // Only back to a page of this application.
    private RedirectResult Back(string? returnUrl) => Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
}
