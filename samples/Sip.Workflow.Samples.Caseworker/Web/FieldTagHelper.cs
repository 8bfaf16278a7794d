using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Sip.Workflow.Samples.Caseworker.Web;

/// <summary>
/// One form field, the same way everywhere: a label tied to its input, an optional hint, the error next to the field it
/// concerns (in the caseworker's words, and the library's own words where it refused the value), and the ARIA that ties
/// them together for a screen reader. <c>&lt;field for="Input.Place" label="Plats" /&gt;</c>; <c>type</c> is any input type,
/// or <c>textarea</c>, <c>select</c> (with <c>items</c>), <c>radios</c> (a fieldset), <c>checkbox</c>.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    /// <summary>Where a page keeps the library's own words about a value it refused, for the field that shows them.</summary>
    public const string DetailKey = "sip-field-detail:";

    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    public string Label { get; set; } = string.Empty;

    public string? Hint { get; set; }

    public string Type { get; set; } = "text";

    public IEnumerable<SelectListItem>? Items { get; set; }

    public int Rows { get; set; } = 3;

    /// <summary>Marks the field as one the caseworker must fill in (checked on the server; no browser pop-ups).</summary>
    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = For.Name;
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).ToList() ?? [];
        var detail = ViewContext.HttpContext.Items[DetailKey + name] as string;
        var value = state?.AttemptedValue ?? Format(For.Model);
        var t = Ui.From(ViewContext.HttpContext);

        var describedBy = new List<string>();
        var html = new StringBuilder();
        var labelHtml = Encode(Label) + (Required ? $" <span class=\"required\">{Encode(t.S("(obligatorisk)", "(required)"))}</span>" : string.Empty);

        string HintAndError()
        {
            var text = new StringBuilder();
            if (Hint is not null)
            {
                describedBy.Add(id + "-hint");
                text.Append(CultureInfo.InvariantCulture, $"<p class=\"hint\" id=\"{id}-hint\">{Encode(Hint)}</p>");
            }

            if (errors.Count > 0)
            {
                describedBy.Add(id + "-error");
                text.Append(CultureInfo.InvariantCulture, $"<p class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">{Encode(t.S("Fel:", "Error:"))}</span> ");
                text.Append(Encode(string.Join(" ", errors)));
                if (detail is not null)
                {
                    // The library's words about the value it refused are English; they are marked so, for a screen reader.
                    text.Append(CultureInfo.InvariantCulture, $" <span lang=\"en\" class=\"library-detail\">{Encode(detail)}</span>");
                }

                text.Append("</p>");
            }

            return text.ToString();
        }

        string Aria() => (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : string.Empty)
            + (errors.Count > 0 ? " aria-invalid=\"true\"" : string.Empty)
            + (Required ? " aria-required=\"true\"" : string.Empty);

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field" + (errors.Count > 0 ? " field--error" : string.Empty));

        switch (Type)
        {
            case "checkbox":
            {
                var hintAndError = HintAndError();
                var isChecked = string.Equals(value?.Split(',')[0], "true", StringComparison.OrdinalIgnoreCase) ? " checked" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"checkbox\"><input type=\"checkbox\" id=\"{id}\" name=\"{name}\" value=\"true\"{isChecked}{Aria()}>");
                html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{labelHtml}</label></div>{hintAndError}");
                // An unchecked box sends nothing; this sends false then (the first value wins when it is checked).
                html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{name}\" value=\"false\">");
                break;
            }

            case "radios":
            {
                var hintAndError = HintAndError();
                html.Append(CultureInfo.InvariantCulture, $"<fieldset{Aria()}><legend>{labelHtml}</legend>{hintAndError}");
                var i = 0;
                foreach (var item in Items ?? [])
                {
                    var itemId = $"{id}-{i++}";
                    var isChecked = item.Value == value ? " checked" : string.Empty;
                    html.Append(CultureInfo.InvariantCulture, $"<div class=\"radio\"><input type=\"radio\" id=\"{itemId}\" name=\"{name}\" value=\"{Encode(item.Value)}\"{isChecked}>");
                    html.Append(CultureInfo.InvariantCulture, $"<label for=\"{itemId}\">{Encode(item.Text)}</label></div>");
                }

                html.Append("</fieldset>");
                break;
            }

            default:
            {
                html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}\">{labelHtml}</label>");
                html.Append(HintAndError());
                var autocomplete = Autocomplete is null ? string.Empty : $" autocomplete=\"{Encode(Autocomplete)}\"";
                if (Type == "textarea")
                {
                    html.Append(CultureInfo.InvariantCulture, $"<textarea id=\"{id}\" name=\"{name}\" rows=\"{Rows}\"{autocomplete}{Aria()}>{Encode(value ?? string.Empty)}</textarea>");
                }
                else if (Type == "select")
                {
                    html.Append(CultureInfo.InvariantCulture, $"<select id=\"{id}\" name=\"{name}\"{Aria()}>");
                    foreach (var item in Items ?? [])
                    {
                        var selected = item.Value == value ? " selected" : string.Empty;
                        html.Append(CultureInfo.InvariantCulture, $"<option value=\"{Encode(item.Value)}\"{selected}>{Encode(item.Text)}</option>");
                    }

                    html.Append("</select>");
                }
                else
                {
                    html.Append(CultureInfo.InvariantCulture, $"<input type=\"{Encode(Type)}\" id=\"{id}\" name=\"{name}\" value=\"{Encode(value ?? string.Empty)}\"{autocomplete}{Aria()}>");
                }

                break;
            }
        }

        output.Content.SetHtmlContent(html.ToString());
    }

    private string Encode(string text) => encoder.Encode(text);

    private static string? Format(object? model) => model switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
