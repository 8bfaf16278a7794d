using System.Globalization;
using System.Reflection;
using System.Xml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sip.Workflow.Storage;

namespace Sip.Workflow;

/// <summary>
/// Binds the library's options from configuration (appsettings.json, environment variables, a key vault) and reports
/// every key it cannot use — a typo, a preset that does not exist, a value of the wrong form — as a problem the options'
/// validation raises when the host starts, so that nothing in configuration is silently ignored.
/// </summary>
/// <remarks>
/// The general configuration binder is not used: it writes into whatever instance the options hold (a shared preset),
/// binds a policy's name onto blank rules, and ignores keys it does not know.
/// </remarks>
internal static class SipConfiguration
{
    /// <summary>The section of the workflow's configuration the store provider reads its settings from.</summary>
    public const string StoreSection = "Store";

    private const string PresetKey = "Preset";

    /// <summary>Binds <paramref name="options"/> from the workflow's section; returns the problems.</summary>
    public static List<string> BindWorkflow(IConfiguration section, SipWorkflowOptions options)
    {
        var problems = new List<string>();
        var elsewhere = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            nameof(SipWorkflowOptions.Policy), nameof(SipWorkflowOptions.KnownPolicies), nameof(SipWorkflowOptions.RetiredAuditKeys), StoreSection,
        };
        BindScalars(options, section, elsewhere, "the SIP workflow", problems);

        if (Child(section, nameof(SipWorkflowOptions.Policy)) is { } policy && BindPolicy(policy, problems) is { } bound)
        {
            options.Policy = bound;
        }

        if (Child(section, nameof(SipWorkflowOptions.KnownPolicies)) is { } known)
        {
            foreach (var item in known.GetChildren())
            {
                if (BindPolicy(item, problems) is { } knownPolicy)
                {
                    options.KnownPolicies.Add(knownPolicy);
                }
            }
        }

        if (Child(section, nameof(SipWorkflowOptions.RetiredAuditKeys)) is { } retired)
        {
            foreach (var key in retired.GetChildren())
            {
                if (TryConvert(key, typeof(byte[]), problems, out var value) && value is byte[] bytes)
                {
                    options.RetiredAuditKeys[key.Key] = bytes;
                }
            }
        }

        return problems;
    }

    /// <summary>Binds a store provider's options from the store's section; returns the problems.</summary>
    public static List<string> BindStore(IConfiguration section, ISipStoreOptions options)
    {
        var problems = new List<string>();
        BindScalars(options, section, new HashSet<string>(StringComparer.OrdinalIgnoreCase), $"the {options.DisplayName}", problems);
        return problems;
    }

    // A policy is a preset's key or name — "RegionHalland" — or a section naming the preset it starts from and the
    // settings it changes. Always a fresh value: nothing written here reaches a preset.
    private static SipPolicy? BindPolicy(IConfigurationSection section, List<string> problems)
    {
        var children = section.GetChildren().ToList();
        var presetName = children.Count == 0 ? section.Value : Child(section, PresetKey)?.Value;
        if (string.IsNullOrWhiteSpace(presetName))
        {
            if (children.Count > 0)
            {
                problems.Add($"'{section.Path}:{PresetKey}' is required: the preset the policy starts from ({Allowed(SipPolicy.PresetKeys)}); the other keys adjust it.");
            }

            return null;
        }

        if (!SipPolicy.TryGetPreset(presetName, out var preset))
        {
            var where = children.Count == 0 ? section.Path : $"{section.Path}:{PresetKey}";
            problems.Add($"'{where}' names no preset; allowed: {Allowed(SipPolicy.PresetKeys)} (or a preset's name).");
            return null;
        }

        BindScalars(preset, section, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { PresetKey }, "a SIP policy", problems);
        return preset;
    }

    // Sets each key's property from its text; a key that names no property, or a value that does not convert, is a
    // problem naming the key and what is allowed. Values are never repeated in a problem: a key may be a secret.
    private static void BindScalars(object target, IConfiguration section, HashSet<string> handledElsewhere, string what, List<string> problems)
    {
        var settable = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && IsScalar(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (handledElsewhere.Contains(child.Key))
            {
                continue;
            }

            if (!settable.TryGetValue(child.Key, out var property))
            {
                problems.Add($"'{child.Path}' is not a setting of {what}; allowed: {Allowed(settable.Keys.Concat(handledElsewhere).Order(StringComparer.Ordinal))}.");
                continue;
            }

            if (child.GetChildren().Any())
            {
                problems.Add($"'{child.Path}' takes a single value ({Form(property.PropertyType)}), not a section.");
                continue;
            }

            if (TryConvert(child, property.PropertyType, problems, out var value))
            {
                property.SetValue(target, value);
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsEnum || t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long)
            || t == typeof(TimeSpan) || t == typeof(DateTimeOffset) || t == typeof(byte[]);
    }

    // Converts a key's text to the property's type; false (and a problem) when it does not convert. Empty text clears a
    // nullable setting.
    private static bool TryConvert(IConfigurationSection key, Type type, List<string> problems, out object? value)
    {
        var text = key.Value?.Trim();
        var underlying = Nullable.GetUnderlyingType(type);
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            if (underlying is null && type.IsValueType)
            {
                problems.Add($"'{key.Path}' is empty; allowed: {Form(type)}.");
                return false;
            }

            return true;
        }

        var t = underlying ?? type;
        value = t switch
        {
            _ when t == typeof(string) => text,
            _ when t == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when t == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when t == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when t == typeof(TimeSpan) => Duration(text),
            _ when t == typeof(DateTimeOffset) => Moment(text),
            _ when t == typeof(byte[]) => Base64(text),

            // Names only: a number would let any integer through as an undefined member.
            _ when t.IsEnum => Enum.GetNames(t).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse(t, name) : null,
            _ => null,
        };
        if (value is null)
        {
            problems.Add($"'{key.Path}' is not {Form(type)}.");
            return false;
        }

        return true;
    }

    // A moment must say its offset: a local time would mean another instant on a server in another zone.
    private static DateTimeOffset? Moment(string text)
        => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local) && local.Kind != DateTimeKind.Unspecified
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment) ? moment : null;

    // "3.00:00:00" (days.hours:minutes:seconds) or ISO 8601 "P3D", so that both .NET's and a JSON tool's habit work.
    private static TimeSpan? Duration(string text)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        try
        {
            return text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal) ? XmlConvert.ToTimeSpan(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? Base64(string text)
    {
        var buffer = new byte[text.Length];
        return System.Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static string Form(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var form = t switch
        {
            _ when t == typeof(bool) => "true or false",
            _ when t == typeof(int) || t == typeof(long) => "a whole number",
            _ when t == typeof(TimeSpan) => "a duration such as 3.00:00:00 (three days) or P3D",
            _ when t == typeof(DateTimeOffset) => "a moment with its offset, such as 2026-01-01T00:00:00+01:00",
            _ when t == typeof(byte[]) => "Base64 text",
            _ when t.IsEnum => "one of " + Allowed(Enum.GetNames(t)),
            _ => "text",
        };
        return Nullable.GetUnderlyingType(type) is null ? form : form + ", or empty for none";
    }

    private static string Allowed(IEnumerable<string> names) => string.Join(", ", names);

    private static IConfigurationSection? Child(IConfiguration section, string key)
        => section.GetChildren().FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Binds one options type from a configuration section and fails its validation with every problem the binding found,
/// in the same start-up message as the options' own problems.
/// </summary>
/// <typeparam name="TOptions">The options.</typeparam>
internal sealed class SipConfigurationBinding<TOptions>(Func<IConfiguration?> section, Func<IConfiguration, TOptions, List<string>> bind, string subject)
    : IConfigureOptions<TOptions>, IValidateOptions<TOptions>
    where TOptions : class
{
    private List<string> _problems = [];

    /// <summary>
    /// Registers the binding once, ahead of any <c>Configure</c> registered after it, so that code adjusts what configuration
    /// set. The section is looked up when the options are built, so the order of <c>AddSipWorkflow</c> and <c>Use…Store</c>
    /// does not matter.
    /// </summary>
    public static void Register(IServiceCollection services, Func<SipConfigurationSource, IConfiguration> section, Func<IConfiguration, TOptions, List<string>> bind, string subject)
    {
        if (services.Any(d => d.ServiceType == typeof(SipConfigurationBinding<TOptions>)))
        {
            return;
        }

        services.AddSingleton(sp => new SipConfigurationBinding<TOptions>(
            () => sp.GetService<SipConfigurationSource>() is { } source ? section(source) : null, bind, subject));
        services.AddSingleton<IConfigureOptions<TOptions>>(sp => sp.GetRequiredService<SipConfigurationBinding<TOptions>>());
        services.AddSingleton<IValidateOptions<TOptions>>(sp => sp.GetRequiredService<SipConfigurationBinding<TOptions>>());
    }

    public void Configure(TOptions options)
        => _problems = section() is { } configuration ? bind(configuration, options) : [];

    public ValidateOptionsResult Validate(string? name, TOptions options)
        => _problems.Count == 0 ? ValidateOptionsResult.Skip : ValidateOptionsResult.Fail(SipProblems.ToMessage(subject, _problems));
}
