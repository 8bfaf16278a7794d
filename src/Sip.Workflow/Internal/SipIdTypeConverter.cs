using System.ComponentModel;
using System.Globalization;

namespace Sip.Workflow.Internal;

/// <summary>Converts a strongly typed id from and to text, for configuration binding and older binders that use TypeConverter.</summary>
internal sealed class SipIdTypeConverter<TId> : TypeConverter
    where TId : struct, ISipId<TId>
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType)
        => sourceType == typeof(string) || sourceType == typeof(Guid) || base.CanConvertFrom(context, sourceType);

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType)
        => destinationType == typeof(string) || destinationType == typeof(Guid) || base.CanConvertTo(context, destinationType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) => value switch
    {
        string text => SipIds.Parse<TId>(text),
        Guid guid => guid != Guid.Empty ? TId.From(guid) : throw SipIds.NotAnId<TId>(nameof(value)),
        _ => base.ConvertFrom(context, culture, value),
    };

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) => value switch
    {
        TId id when destinationType == typeof(string) => id.ToString(),
        TId id when destinationType == typeof(Guid) => id.Value,
        _ => base.ConvertTo(context, culture, value, destinationType),
    };
}
