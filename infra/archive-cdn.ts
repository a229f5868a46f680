import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods, CachePolicy, Distribution, Function as CfFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, PriceClass, ResponseHeadersPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from './config.js';

/** The archive's pages load only their own CSS, JS and images; Pagefind needs WebAssembly. No inline script or style exists. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:",
  "object-src 'none'", "base-uri 'self'", "form-action 'self' https:", "frame-ancestors 'none'", 'upgrade-insecure-requests',
].join('; ');

// `/2010/07/` and `/2010/07` → `/2010/07/index.html`: S3 behind OAC has no index documents.
const INDEX_REWRITE = `function handler(event) {
  var r = event.request;
  if (r.uri.endsWith('/')) r.uri += 'index.html';
  else if (r.uri.split('/').pop().indexOf('.') === -1) r.uri += '/index.html';
  return r;
}`;

export interface ArchiveCdnProps {
  /** The archive bucket, imported by name: its policy (in the stateful stack) already admits this account's distributions. */
  archiveBucket: IBucket;
  logBucket: IBucket;
  config: StageConfig;
}

/**
 * CloudFront in front of the archive bucket's `site/` folder: Origin Access
 * Control (the bucket stays private), HTTPS only, security headers (CSP,
 * HSTS …), the archive's 404 page, standard logs. TLS 1.2+ needs the
 * stage's own domain and certificate; CloudFront's default domain only
 * offers its fixed TLSv1 policy.
 */
export class ArchiveCdn extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ArchiveCdnProps) {
    super(scope, id);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const rewrite = new CfFunction(this, 'IndexRewrite', { code: FunctionCode.fromInline(INDEX_REWRITE), runtime: FunctionRuntime.JS_2_0 });
    const domain = props.config.domain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName} archive`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.archiveBucket, { originPath: '/site' }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      defaultRootObject: 'index.html',
      // Without s3:ListBucket a missing key is a 403: both show the archive's own 404 page.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 404, responsePagePath: '/404.html', ttl: Duration.minutes(1) })),
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(domain
        ? { domainNames: [domain.name], certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn), minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
    });
    Validations.of(this.distribution.node.findChild('Origin1')).acknowledge({
      id: 'Annotation::@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      reason: 'The archive bucket\'s policy (stateful stack) already admits this account\'s CloudFront distributions to site/* only.',
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'A public archive for anyone, anywhere: no geographic restriction is wanted.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static files only (GET/HEAD, no forms, no origin compute); CloudFront\'s built-in DDoS protection suffices and WAF would cost more than the site.' },
    );
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: 'No custom domain configured: CloudFront\'s default *.cloudfront.net certificate has a fixed policy. Set `domain` in the stage config for TLSv1.2_2021.',
      });
    }
  }
}
