using Billing.LocalDev.Settings;
using System.Text;

namespace Billing.LocalHost.Metadata;

/// <summary>Resolves <c>%Setting%</c> binding expressions in functions.metadata values, as the Functions host does.</summary>
internal static class BindingExpressions
{
    /// <exception cref="FunctionAppModelException">A setting named by the value is not set, or a % is unbalanced.</exception>
    public static string Resolve(string value, AppSettings settings, string file, string field)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder();
        var position = 0;
        while (position < value.Length)
        {
            var open = value.IndexOf('%', position);
            if (open < 0)
            {
                result.Append(value, position, value.Length - position);
                break;
            }

            var close = value.IndexOf('%', open + 1);
            if (close < 0)
            {
                throw new FunctionAppModelException(file, field, $"unbalanced '%' in \"{value}\".");
            }

            result.Append(value, position, open - position);
            var name = value[(open + 1)..close];
            result.Append(settings.Get(name)
                ?? throw new FunctionAppModelException(file, field, $"the app setting '{name}' named by \"{value}\" is not set."));
            position = close + 1;
        }

        return result.ToString();
    }
}
