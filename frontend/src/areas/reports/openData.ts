import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { limits } from '../../api/limits';
import type { components } from '../../api/schema';

/** How the organisation publishes its contracting as open data (OCDS). */
export type OpenDataSettings = components['schemas']['OpenDataSettings'];
export type PutOpenDataSettingsRequest = components['schemas']['PutOpenDataSettingsRequest'];

/** The two packages a year is published as: one release per agreement, or each agreement's record. */
export const PACKAGE_KINDS = ['release', 'record'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

export const openDataKeys = {
  settings: ['reports', 'open-data', 'settings'] as const,
};

/** The organisation's settings, or null while an administrator has not set them. */
export function openDataSettingsQuery() {
  return queryOptions({
    queryKey: openDataKeys.settings,
    queryFn: async (): Promise<OpenDataSettings | null> => {
      try {
        return await unwrap(api.client.GET('/api/v1/open-data/settings'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function putOpenDataSettings(body: PutOpenDataSettingsRequest): Promise<OpenDataSettings> {
  return unwrap(api.client.PUT('/api/v1/open-data/settings', { body }));
}

/** The name the server gives a package's file: `ocds-2026-release-package.json`. */
export function packageFileName(year: number, kind: PackageKind): string {
  return `ocds-${year}-${kind}-package.json`;
}

/** A year's package as a file, fetched with the access token (a plain link cannot carry it). */
export function openDataPackage(year: number, kind: PackageKind): Promise<Blob> {
  const path = { path: { fiscal_year: year } };
  return kind === 'release'
    ? unwrap<Blob>(api.client.GET('/api/v1/open-data/{fiscal_year}/release-package.json', { params: path, parseAs: 'blob' }))
    : unwrap<Blob>(api.client.GET('/api/v1/open-data/{fiscal_year}/record-package.json', { params: path, parseAs: 'blob' }));
}

const { ocid_prefix, publisher_name, publisher_uri } = limits.PutOpenDataSettingsRequest;

/** An optional web address: empty means none. */
const address = z
  .string()
  .trim()
  .refine((value) => value === '' || (value.length >= publisher_uri.minLength && value.length <= publisher_uri.maxLength && publisher_uri.pattern.test(value)), 'reports:openData.validation.address');

// Lengths and patterns are the server's, from the spec.
export const openDataSettingsSchema = z.object({
  ocid_prefix: z.string().trim().nonempty('fieldError.required').min(ocid_prefix.minLength, 'reports:openData.validation.prefix').max(ocid_prefix.maxLength, 'reports:openData.validation.prefix').regex(ocid_prefix.pattern, 'reports:openData.validation.prefix'),
  publisher_name: z.string().trim().nonempty('fieldError.required').min(publisher_name.minLength, 'reports:openData.validation.publisher').max(publisher_name.maxLength, 'reports:openData.validation.publisher'),
  publisher_uri: address,
  license_url: address,
  publication_policy_url: address,
});

export type OpenDataSettingsForm = z.input<typeof openDataSettingsSchema>;

/** The form's values as the API takes them: an empty address is none (the licence then CC BY 4.0). */
export function settingsRequest(values: z.output<typeof openDataSettingsSchema>): PutOpenDataSettingsRequest {
  const none = (value: string) => (value === '' ? null : value);
  return {
    ocid_prefix: values.ocid_prefix,
    publisher_name: values.publisher_name,
    publisher_uri: none(values.publisher_uri),
    license_url: none(values.license_url),
    publication_policy_url: none(values.publication_policy_url),
  };
}
