using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ControlPlane.XenApi.Errors;

namespace ControlPlane.XenApi.Wire;

/// <summary>
/// Parses XML-RPC into the wire object model. Untyped <c>&lt;value&gt;text&lt;/value&gt;</c> becomes a
/// string: XAPI sends ints that way too, so typing is left to the caller's schema (<see cref="WireConvert"/>).
/// <c>&lt;i4&gt;/&lt;int&gt;/&lt;i8&gt;</c> become long, <c>&lt;boolean&gt;</c> bool, <c>&lt;double&gt;</c> double,
/// <c>&lt;dateTime.iso8601&gt;</c> UTC DateTime, arrays <c>List&lt;object?&gt;</c>, structs
/// <c>Dictionary&lt;string, object?&gt;</c>, <c>&lt;nil/&gt;</c> null.
/// </summary>
public static class XmlRpcReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 0,
    };

    /// <summary>Parses a <c>methodCall</c>: method name and positional params.</summary>
    public static (string Method, List<object?> Params) MethodCall(string xml)
    {
        var root = Load(xml);
        if (root.Name.LocalName != "methodCall")
        {
            throw new XenApiProtocolException($"expected methodCall, got {root.Name.LocalName}");
        }

        var method = root.Element("methodName")?.Value.Trim()
            ?? throw new XenApiProtocolException("methodCall without methodName");
        var parameters = new List<object?>();
        foreach (var param in root.Element("params")?.Elements("param") ?? [])
        {
            parameters.Add(Value(param.Element("value") ?? throw new XenApiProtocolException("param without value")));
        }

        return (method, parameters);
    }

    /// <summary>Parses a <c>methodResponse</c> and returns its single value; an XML-RPC fault throws
    /// <see cref="XenApiFailure"/> with code <c>XMLRPC_FAULT</c>-style params.</summary>
    public static object? MethodResponse(string xml)
    {
        var root = Load(xml);
        if (root.Name.LocalName != "methodResponse")
        {
            throw new XenApiProtocolException($"expected methodResponse, got {root.Name.LocalName}");
        }

        if (root.Element("fault") is { } fault)
        {
            var f = WireConvert.ToStruct(Value(fault.Element("value") ?? throw new XenApiProtocolException("empty fault")));
            throw new XenApiFailure("XMLRPC_FAULT", [WireConvert.ToStr(f.GetValueOrDefault("faultCode")), WireConvert.ToStr(f.GetValueOrDefault("faultString"))]);
        }

        var value = root.Element("params")?.Element("param")?.Element("value")
            ?? throw new XenApiProtocolException("methodResponse without a value");
        return Value(value);
    }

    /// <summary>Parses a bare <c>&lt;value&gt;</c> fragment (a task's result). Empty text means void.</summary>
    public static object? ValueFragment(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        var root = Load(xml);
        return root.Name.LocalName == "value"
            ? Value(root)
            : throw new XenApiProtocolException($"expected a value fragment, got {root.Name.LocalName}");
    }

    private static XElement Load(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            return XDocument.Load(reader).Root ?? throw new XenApiProtocolException("empty XML document");
        }
        catch (XmlException e)
        {
            throw new XenApiProtocolException($"malformed XML-RPC: {e.Message}", e);
        }
    }

    private static object? Value(XElement value)
    {
        var typed = value.Elements().FirstOrDefault();
        if (typed is null)
        {
            return value.Value;
        }

        var text = typed.Value;
        switch (typed.Name.LocalName)
        {
            case "string":
                return text;
            case "i4" or "int" or "i8":
                return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? l : throw new XenApiProtocolException($"bad integer '{text}'");
            case "boolean":
                return text.Trim() switch
                {
                    "1" or "true" => true,
                    "0" or "false" => false,
                    _ => throw new XenApiProtocolException($"bad boolean '{text}'"),
                };
            case "double":
                return WireConvert.ToDouble(text.Trim());
            case "dateTime.iso8601":
                return XenDateTime.TryParse(text, out var dt) ? dt : throw new XenApiProtocolException($"bad dateTime '{text}'");
            case "nil":
                return null;
            case "base64":
                return text.Trim();
            case "array":
                return (typed.Element("data")?.Elements("value") ?? []).Select(Value).ToList();
            case "struct":
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var member in typed.Elements("member"))
                {
                    var name = member.Element("name")?.Value ?? throw new XenApiProtocolException("struct member without name");
                    map[name] = Value(member.Element("value") ?? throw new XenApiProtocolException($"struct member '{name}' without value"));
                }

                return map;
            default:
                throw new XenApiProtocolException($"unknown XML-RPC type <{typed.Name.LocalName}>");
        }
    }
}
