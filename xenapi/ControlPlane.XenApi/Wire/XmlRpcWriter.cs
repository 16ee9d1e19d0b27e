using System.Collections;
using System.Globalization;
using System.Text;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.XenApi.Wire;

/// <summary>Writes XML-RPC documents and <c>&lt;value&gt;</c> fragments from the wire object model
/// (string, long/int, bool, double, DateTime, refs, lists, string-keyed maps, null).</summary>
public static class XmlRpcWriter
{
    public static string MethodCall(string method, IReadOnlyList<object?> args, XmlRpcScalarStyle style)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
        Escape(sb, method);
        sb.Append("</methodName><params>");
        foreach (var arg in args)
        {
            sb.Append("<param>");
            WriteValue(sb, arg, style);
            sb.Append("</param>");
        }

        return sb.Append("</params></methodCall>").ToString();
    }

    /// <summary>XAPI's success envelope <c>{Status: Success, Value: v}</c>.</summary>
    public static string SuccessResponse(object? value, XmlRpcScalarStyle style) =>
        Response(new Dictionary<string, object?> { ["Status"] = "Success", ["Value"] = value }, style);

    /// <summary>XAPI's failure envelope <c>{Status: Failure, ErrorDescription: [code, params...]}</c>.</summary>
    public static string FailureResponse(IReadOnlyList<string> errorDescription, XmlRpcScalarStyle style) =>
        Response(new Dictionary<string, object?> { ["Status"] = "Failure", ["ErrorDescription"] = errorDescription }, style);

    /// <summary>A bare <c>&lt;value&gt;…&lt;/value&gt;</c> fragment (task results are stored this way).</summary>
    public static string ValueFragment(object? value, XmlRpcScalarStyle style)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value, style);
        return sb.ToString();
    }

    private static string Response(object? value, XmlRpcScalarStyle style)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><methodResponse><params><param>");
        WriteValue(sb, value, style);
        return sb.Append("</param></params></methodResponse>").ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value, XmlRpcScalarStyle style)
    {
        sb.Append("<value>");
        switch (value)
        {
            case null:
                sb.Append("<nil/>");
                break;
            case string s:
                Scalar(sb, "string", s, style);
                break;
            case IXenRef r:
                Scalar(sb, "string", r.OpaqueRef, style);
                break;
            case bool b:
                sb.Append("<boolean>").Append(b ? '1' : '0').Append("</boolean>");
                break;
            case int or long or short or uint:
                Scalar(sb, "string", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), style);
                break;
            case double or float:
                sb.Append("<double>").Append(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("G16", CultureInfo.InvariantCulture)).Append("</double>");
                break;
            case DateTime dt:
                sb.Append("<dateTime.iso8601>").Append(XenDateTime.Format(dt)).Append("</dateTime.iso8601>");
                break;
            case IDictionary map:
                sb.Append("<struct>");
                foreach (DictionaryEntry e in map)
                {
                    sb.Append("<member><name>");
                    Escape(sb, e.Key is IXenRef kr ? kr.OpaqueRef : Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "");
                    sb.Append("</name>");
                    WriteValue(sb, e.Value, style);
                    sb.Append("</member>");
                }

                sb.Append("</struct>");
                break;
            case IEnumerable list:
                sb.Append("<array><data>");
                foreach (var item in list)
                {
                    WriteValue(sb, item, style);
                }

                sb.Append("</data></array>");
                break;
            default:
                throw new ArgumentException($"Cannot encode a {value.GetType().Name} as XML-RPC.", nameof(value));
        }

        sb.Append("</value>");
    }

    private static void Scalar(StringBuilder sb, string tag, string text, XmlRpcScalarStyle style)
    {
        if (style == XmlRpcScalarStyle.Untyped)
        {
            Escape(sb, text);
            return;
        }

        sb.Append('<').Append(tag).Append('>');
        Escape(sb, text);
        sb.Append("</").Append(tag).Append('>');
    }

    /// <summary>Escapes like XAPI: <c>&amp; &lt; &gt; "</c>; control characters other than TAB/LF/CR are dropped.</summary>
    private static void Escape(StringBuilder sb, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\r': sb.Append("&#13;"); break;
                case < ' ' when c != '\t' && c != '\n': break;
                default: sb.Append(c); break;
            }
        }
    }
}
