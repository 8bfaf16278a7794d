using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sip.Workflow.Samples.Caseworker.Demo;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// A page with one form that sends one command: the fields, the form's command id, and the refusals shown in words — a
/// field the caseworker must fix next to that field, anything else above the form.
/// </summary>
/// <typeparam name="TInput">The form's fields, named after the command's properties so that the library's
/// <see cref="ArgumentException.ParamName"/> finds its field.</typeparam>
internal abstract partial class FormPageModel<TInput> : PageModel
    where TInput : class, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    /// <summary>The form's command id: the same form sent twice is one command, applied once.</summary>
    [BindProperty]
    public Guid FormId { get; set; }

    public Ui T => field ??= Ui.From(HttpContext);

    /// <summary>What the library refused, in words; <see langword="null"/> when nothing was.</summary>
    public Notice? Refusal { get; protected set; }

    protected SipActor Actor => DemoUsers.Current(HttpContext).Actor;

    protected CommandId CommandId => new(FormId);

    /// <summary>The form field a library parameter name concerns: by default the most specific segment that names a field.</summary>
    protected virtual string? FieldFor(string paramName)
        => paramName.Split('.').Reverse().FirstOrDefault(segment => typeof(TInput).GetProperty(segment) is not null);

    protected void Error(string field, string swedish, string english)
        => ModelState.AddModelError($"{nameof(Input)}.{field}", T.S(swedish, english));

    protected static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    protected string? Required(string? value, string field, string swedish, string english)
    {
        if (Text(value) is { } text)
        {
            return text;
        }

        Error(field, swedish, english);
        return null;
    }

    /// <summary>A time the caseworker typed (Swedish local time), or an error on its field.</summary>
    protected DateTimeOffset? Time(string? value, string field, bool required = true)
    {
        if (Text(value) is null)
        {
            if (required)
            {
                Error(field, "Ange datum och tid.", "Give the date and time.");
            }

            return null;
        }

        if (SwedishTime.TryParse(value, out var instant))
        {
            return instant;
        }

        Error(field, "Ange datum och tid som 2026-03-01 14:30.", "Give the date and time as 2026-03-01 14:30.");
        return null;
    }

    /// <summary>A value the library refused: next to its field when the form has one, above the form otherwise.</summary>
    protected void Refuse(ArgumentException e)
    {
        var detail = SipRefusalText.Of(e);
        if (e.ParamName is { } param && FieldFor(param) is { } field)
        {
            var key = $"{nameof(Input)}.{field}";
            ModelState.AddModelError(key, T.S("Uppgiften godtogs inte.", "The entry was not accepted."));
            HttpContext.Items[FieldTagHelper.DetailKey + key] = detail;
        }
        else
        {
            Refusal = LibraryErrors.Describe(e, T);
        }
    }

    /// <summary>A refusal or failure of the library, in words; a failure the caseworker cannot fix is logged too.</summary>
    protected void Refuse(SipWorkflowException e)
    {
        if (e is SipStorageException or SipUnknownPolicyException)
        {
            LogFailure(HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()), e);
        }

        Refusal = LibraryErrors.Describe(e, T);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A form was refused by a failure the caseworker cannot fix.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
