namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>One unmet requirement as the caseworker reads it: the rule in words, its stable code and the law behind it.</summary>
internal sealed record NoticeItem(string Text, string? Code = null, string? LegalReference = null);

/// <summary>
/// A message to the caseworker about something the library refused or could not do: a title, what it means and what to do,
/// and the unmet requirements when there are any. Never an exception's text or stack trace, except
/// <see cref="LibraryDetail"/>: the library's own (English) words about a value it refused, shown as such.
/// </summary>
internal sealed record Notice(string Title, string Text, IReadOnlyList<NoticeItem> Items, string? LibraryDetail = null)
{
    public static Notice Of(string title, string text) => new(title, text, []);
}
